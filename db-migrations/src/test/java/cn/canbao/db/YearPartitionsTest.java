package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 8: each table that grows by a year's rows is partitioned by coverage year, with a partition per policy year. */
@SpringBootTest(classes = MigrationsTest.Config.class)
class YearPartitionsTest {

    /** The years of the policy files (policy-rules/src/main/resources/policies) and the next one. */
    private static final List<Integer> YEARS = List.of(2024, 2025, 2026);
    private static final List<String> YEARLY_TABLES = List.of("enrollment", "person_identity", "assessment_result", "payment_record",
            "progress_snapshot");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyYearlyTableHasAPartitionForEachPolicyYearAndADefault() {
        for (String table : YEARLY_TABLES) {
            assertThat(jdbc.queryForObject("SELECT pg_get_partkeydef(?::regclass)", String.class, table)).as(table)
                    .isEqualTo("LIST (coverage_year)");
            List<String> bounds = jdbc.queryForList("SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                    + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ?::regclass", String.class, table);
            for (int year : YEARS) {
                assertThat(bounds).as(table).contains("FOR VALUES IN ('" + year + "')");
            }
            assertThat(bounds).as(table).contains("DEFAULT");
        }
    }

    @Test
    void aSnapshotLandsInThePartitionOfItsYear() {
        jdbc.update("INSERT INTO progress_snapshot (coverage_year, region_code, county_code, level, taken_on, enrolled, paid, "
                + "special_population, special_paid) VALUES (2025, '340321', '340321', 'COUNTY', DATE '2024-11-03', 10, 5, 1, 1)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM progress_snapshot_2025 WHERE region_code = '340321'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM progress_snapshot_2024", Integer.class)).isZero();
    }
}
