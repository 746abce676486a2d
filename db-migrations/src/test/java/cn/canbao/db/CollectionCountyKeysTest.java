package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
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

    /** A schema of its own, migrated in two steps around V81. */
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
        jdbc.execute("DROP SCHEMA IF EXISTS " + UPGRADE + " CASCADE");
        try {
            migrate("80?"); // everything before V81, whether or not the enrollment tables' V80 is there
            String s = UPGRADE + ".";
            jdbc.update("INSERT INTO " + s + "payment_record (transaction_id, coverage_year, id_number, name, amount_fen, channel, paid_at, "
                    + "collecting_unit, collecting_region, kind, recorded_by) VALUES "
                    + "('T1', 2025, '340321199001010011', '甲', 40000, 'WECHAT', '2024-10-08 09:30', '怀远县税务局', '340321', 'PAYMENT', 't'), "
                    + "('T2', 2025, '340321199001010011', '甲', 40000, 'BANK', '2024-10-09 09:30', '代征点', '340321100201', 'PAYMENT', 't'), "
                    + "('T3', 2024, '150781199001010011', '乙', 38000, 'BANK', '2023-10-09 09:30', '呼伦贝尔市税务局', '150700', 'PAYMENT', 't')");
            long run = jdbc.queryForObject("INSERT INTO " + s + "reconciliation_run (coverage_year, started_by) VALUES (2025, 't') RETURNING id",
                    Long.class);
            jdbc.update("INSERT INTO " + s + "reconciliation_item (run_id, category, id_number, name, coverage_year, region_code, net_paid_fen, "
                    + "amount_fen, transaction_ids, reason) VALUES (?, 'PAID_NOT_REGISTERED', '340321199001010011', '甲', 2025, '340321100201', "
                    + "40000, 40000, 'T1', 'r')", run);
            jdbc.update("INSERT INTO " + s + "lapse_followup (coverage_year, id_number, region_code, reason, outcome, recorded_by) "
                    + "VALUES (2025, '150781199001010011', '150781001002', 'NOT_RENEWED', 'REFUSED', 't')");
            for (String region : List.of("340321100201", "340321100000", "340321", "340300", "340000")) {
                jdbc.update("INSERT INTO " + s + "progress_base (coverage_year, region_code) VALUES (2025, ?)", region);
                jdbc.update("INSERT INTO " + s + "progress_cumulative VALUES (2025, ?, '2024-10-08', 1, 0, 1, 0, 0)", region);
                jdbc.update("INSERT INTO " + s + "progress_snapshot (coverage_year, region_code, level, taken_on, enrolled, paid, "
                        + "special_population, special_paid) VALUES (2025, ?, 'X', '2024-10-13', 1, 1, 0, 0)", region);
            }

            migrate("latest");

            assertThat(counties(s + "payment_record", "transaction_id")).containsExactly("T1 340321", "T2 340321", "T3 150700");
            assertThat(counties(s + "reconciliation_item", "region_code")).containsExactly("340321100201 340321");
            assertThat(counties(s + "lapse_followup", "region_code")).containsExactly("150781001002 150781");
            List<String> byLevel = List.of("340000 340000", "340300 340300", "340321 340321", "340321100000 340321", "340321100201 340321");
            assertThat(counties(s + "progress_base", "region_code")).containsExactlyElementsOf(byLevel);
            assertThat(counties(s + "progress_cumulative", "region_code")).containsExactlyElementsOf(byLevel);
            assertThat(counties(s + "progress_snapshot", "region_code")).containsExactlyElementsOf(byLevel);
            assertThatThrownBy(() -> jdbc.update("UPDATE " + s + "payment_record SET amount_fen = 1")).as("still append-only")
                    .hasMessageContaining("append-only");
        } finally {
            jdbc.execute("DROP SCHEMA IF EXISTS " + UPGRADE + " CASCADE");
        }
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(dataSource).schemas(UPGRADE).locations("classpath:db/migration").target(target).load().migrate();
    }

    private List<String> primaryKey(String table) {
        return jdbc.queryForList("SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                + "WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.n", String.class, table);
    }

    private List<String> counties(String table, String label) {
        return jdbc.queryForList("SELECT " + label + " || ' ' || county_code FROM " + table + " ORDER BY 1", String.class);
    }
}
