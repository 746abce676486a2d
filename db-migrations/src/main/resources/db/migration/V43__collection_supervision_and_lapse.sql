-- Area supervision groups (包片督查) and the door-to-door follow-up of lapsed people (排查).

CREATE TABLE supervision_group (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    county_code   varchar(12)  NOT NULL REFERENCES region (code),
    coverage_year smallint     NOT NULL,
    name          varchar(50)  NOT NULL,
    lead_unit     varchar(100) NOT NULL,
    leader        varchar(50)  NOT NULL,
    -- The leader's login, when they have one: their townships are listed first for them.
    leader_username varchar(64),
    citation      text         NOT NULL,
    UNIQUE (county_code, coverage_year, name)
);

CREATE TABLE supervision_group_township (
    group_id      bigint      NOT NULL REFERENCES supervision_group (id),
    township_code varchar(12) NOT NULL REFERENCES region (code),
    position      integer     NOT NULL,
    PRIMARY KEY (group_id, township_code)
);

-- Each visit's outcome; history kept, the latest per person and year is the current state.
CREATE TABLE lapse_followup (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coverage_year smallint     NOT NULL,
    id_number     varchar(18)  COLLATE "C" NOT NULL,
    region_code   varchar(12)  NOT NULL,
    reason        varchar(30)  NOT NULL CHECK (reason IN ('NOT_RENEWED', 'SPECIAL_GROUP_NOT_ENROLLED')),
    outcome       varchar(30)  NOT NULL,
    note          varchar(500),
    recorded_by   varchar(64)  NOT NULL,
    recorded_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX lapse_followup_person_idx ON lapse_followup (coverage_year, id_number, id DESC);

-- 怀远县2025年度居民医保参保缴费工作方案 附件2 (its 淝河乡 is 淝河镇 340321116000 in the code list).
INSERT INTO supervision_group (county_code, coverage_year, name, lead_unit, leader, citation) VALUES
    ('340321', 2025, '第一组', '县税务局', '李双喜', '怀远县2025年度居民医保参保缴费工作方案 附件2'),
    ('340321', 2025, '第二组', '县医保局', '刘维新', '怀远县2025年度居民医保参保缴费工作方案 附件2');
INSERT INTO supervision_group_township (group_id, township_code, position)
SELECT g.id, t.code, t.position
FROM supervision_group g
JOIN (VALUES
    ('第一组', '340321002000', 1), ('第一组', '340321100000', 2), ('第一组', '340321102000', 3),
    ('第一组', '340321114000', 4), ('第一组', '340321111000', 5), ('第一组', '340321106000', 6),
    ('第一组', '340321116000', 7), ('第一组', '340321112000', 8), ('第一组', '340321101000', 9),
    ('第一组', '340321115000', 10), ('第一组', '340321107000', 11),
    ('第二组', '340321003000', 1), ('第二组', '340321001000', 2), ('第二组', '340321113000', 3),
    ('第二组', '340321110000', 4), ('第二组', '340321104000', 5), ('第二组', '340321109000', 6),
    ('第二组', '340321108000', 7), ('第二组', '340321117000', 8), ('第二组', '340321205000', 9),
    ('第二组', '340321103000', 10), ('第二组', '340321400000', 11)
) AS t (group_name, code, position) ON t.group_name = g.name
WHERE g.county_code = '340321' AND g.coverage_year = 2025;

-- Targets and milestones from the seed documents (the policy module's files may later supersede).
INSERT INTO collection_target (region_code, coverage_year, base_rule, target_rate, special_target_rate, window_start, citation) VALUES
    ('150700', 2025, 'PRIOR_YEAR_PLUS_NEW', 0.95, 0.99, '2024-09-03', '呼医保发〔2024〕13号 三、六（一）'),
    ('340321', 2025, 'OFFICIAL_TARGET', 1, 1, '2024-09-01', '怀远县2025年度居民医保参保缴费工作方案 三、七（一）、七（四）');
INSERT INTO collection_milestone (region_code, coverage_year, due, required_share, citation) VALUES
    ('150700', 2025, '2024-12-31', 0.80, '呼医保发〔2024〕13号 六（四）'),
    ('150700', 2025, '2025-02-28', 1, '呼医保发〔2024〕13号 六（四）'),
    ('340321', 2025, '2024-12-31', 1, '怀远县2025年度居民医保参保缴费工作方案 七（四）');
