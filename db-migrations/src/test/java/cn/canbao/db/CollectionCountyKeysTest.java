package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V81, issue 8's Citus path (docs/scaling.md): the collection tables distributed by county carry county_code in
 * their primary keys, and a database that already holds collection data gets the column from the regions it has.
 */
@SpringBootTest(classes = MigrationsTest.Config.class)
class CollectionCountyKeysTest {

    /** A database of its own on the same server, migrated in two steps around V81. */
    private static final String UPGRADE = "v81_upgrade";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void thePrimaryKeysOfTheTablesDistributedByCountyContainCountyCode() {
        assertThat(primaryKey("public.payment_record")).containsExactly("transaction_id", "coverage_year", "county_code");
        assertThat(primaryKey("public.lapse_followup")).containsExactly("id", "county_code");
        assertThat(primaryKey("public.progress_base")).containsExactly("coverage_year", "region_code", "county_code");
        assertThat(primaryKey("public.progress_cumulative")).containsExactly("coverage_year", "region_code", "day", "county_code");
        assertThat(primaryKey("public.progress_snapshot")).containsExactly("coverage_year", "region_code", "taken_on", "county_code");
        assertThat(primaryKey("public.payment_record_2025")).as("the partitions' keys follow")
                .containsExactly("transaction_id", "coverage_year", "county_code");
    }

    @Test
    void countyCodeIsAPlainRequiredColumnThatTheWritersFill() {
        for (String table : List.of("payment_record", "payment_record_2025", "reconciliation_item", "lapse_followup", "progress_base",
                "progress_cumulative", "progress_snapshot", "progress_snapshot_2025")) {
            Map<String, Object> column = jdbc.queryForMap("SELECT format_type(atttypid, atttypmod) AS type, attnotnull, attgenerated::text "
                    + "AS generated, atthasdef FROM pg_attribute WHERE attrelid = ?::regclass AND attname = 'county_code'", "public." + table);
            assertThat(column).as(table).containsEntry("type", "character varying(6)").containsEntry("attnotnull", true)
                    .containsEntry("generated", "").containsEntry("atthasdef", false);
        }
    }

    @Test
    void personStatusesStayKeyedByPersonAndYearWithoutACountyColumn() {
        assertThat(primaryKey("public.collection_person_status")).containsExactly("coverage_year", "id_number");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.collection_person_status'::regclass "
                + "AND attname = 'county_code'", Integer.class)).isZero();
    }

    @Test
    void aDatabaseWithCollectionDataGetsEachRowsCountyFromItsRegion() {
        try (UpgradeDatabase upgrade = UpgradeDatabase.create(dataSource, UPGRADE)) {
            JdbcTemplate db = upgrade.jdbc();
            upgrade.migrateTo("80?"); // everything before V81, whether or not the enrollment tables' V80 is there
            db.update("INSERT INTO payment_record (transaction_id, coverage_year, id_number, name, amount_fen, channel, paid_at, "
                    + "collecting_unit, collecting_region, kind, recorded_by) VALUES "
                    + "('T1', 2025, '340321199001010011', '甲', 40000, 'WECHAT', '2024-10-08 09:30', '怀远县税务局', '340321', 'PAYMENT', 't'), "
                    + "('T2', 2025, '340321199001010011', '甲', 40000, 'BANK', '2024-10-09 09:30', '代征点', '340321100201', 'PAYMENT', 't'), "
                    + "('T3', 2024, '150781199001010011', '乙', 38000, 'BANK', '2023-10-09 09:30', '呼伦贝尔市税务局', '150700', 'PAYMENT', 't')");
            long run = db.queryForObject("INSERT INTO reconciliation_run (coverage_year, started_by) VALUES (2025, 't') RETURNING id", Long.class);
            db.update("INSERT INTO reconciliation_item (run_id, category, id_number, name, coverage_year, region_code, net_paid_fen, "
                    + "amount_fen, transaction_ids, reason) VALUES (?, 'PAID_NOT_REGISTERED', '340321199001010011', '甲', 2025, '340321100201', "
                    + "40000, 40000, 'T1', 'r')", run);
            db.update("INSERT INTO lapse_followup (coverage_year, id_number, region_code, reason, outcome, recorded_by) "
                    + "VALUES (2025, '150781199001010011', '150781001002', 'NOT_RENEWED', 'REFUSED', 't')");
            for (String region : List.of("340321100201", "340321100000", "340321", "340300", "340000")) {
                db.update("INSERT INTO progress_base (coverage_year, region_code) VALUES (2025, ?)", region);
                db.update("INSERT INTO progress_cumulative VALUES (2025, ?, '2024-10-08', 1, 0, 1, 0, 0)", region);
                db.update("INSERT INTO progress_snapshot (coverage_year, region_code, level, taken_on, enrolled, paid, "
                        + "special_population, special_paid) VALUES (2025, ?, 'X', '2024-10-13', 1, 1, 0, 0)", region);
            }

            upgrade.migrateTo("latest");

            assertThat(counties(db, "payment_record", "transaction_id")).containsExactly("T1 340321", "T2 340321", "T3 150700");
            assertThat(counties(db, "reconciliation_item", "region_code")).containsExactly("340321100201 340321");
            assertThat(counties(db, "lapse_followup", "region_code")).containsExactly("150781001002 150781");
            List<String> byLevel = List.of("340000 340000", "340300 340300", "340321 340321", "340321100000 340321", "340321100201 340321");
            assertThat(counties(db, "progress_base", "region_code")).containsExactlyElementsOf(byLevel);
            assertThat(counties(db, "progress_cumulative", "region_code")).containsExactlyElementsOf(byLevel);
            assertThat(counties(db, "progress_snapshot", "region_code")).containsExactlyElementsOf(byLevel);
            assertThatThrownBy(() -> db.update("UPDATE payment_record SET amount_fen = 1")).as("still append-only")
                    .hasMessageContaining("append-only");
        }
    }


    private List<String> primaryKey(String table) {
        return jdbc.queryForList("SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                + "WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.n", String.class, table);
    }

    private static List<String> counties(JdbcTemplate db, String table, String label) {
        return db.queryForList("SELECT " + label + " || ' ' || county_code FROM " + table + " ORDER BY 1", String.class);
    }
}
