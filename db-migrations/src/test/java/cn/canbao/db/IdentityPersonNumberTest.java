package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V82: identity statements are indexed by a number derived from the person key (the 17 digits of a GB 11643 key, a
 * negative hash otherwise), a plain required column; a database that already holds statements gets the numbers of
 * every partition's rows.
 */
@SpringBootTest(classes = MigrationsTest.Config.class)
class IdentityPersonNumberTest {

    /** A database of its own on the same server, migrated in two steps around V82. */
    private static final String UPGRADE = "v82_upgrade";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void statementsAreIndexedByAPlainRequiredPersonNumberInsteadOfTheKey() {
        Map<String, Object> column = jdbc.queryForMap("SELECT attnotnull, attgenerated::text AS generated FROM pg_attribute "
                + "WHERE attrelid = 'public.person_identity'::regclass AND attname = 'person_number'");
        assertThat(column).containsEntry("attnotnull", true).containsEntry("generated", "");
        assertThat(jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = 'person_identity'", String.class))
                .containsExactly("CREATE INDEX person_identity_person_number_idx ON ONLY public.person_identity USING btree (person_number)");
    }

    @Test
    void theNumberOfAResidentIdKeyIsItsSeventeenDigitsAndOtherKeysGetNegativeNumbers() {
        assertThat(jdbc.queryForObject("SELECT person_number('CN11010519491231002X')", Long.class)).isEqualTo(11010519491231002L);
        assertThat(jdbc.queryForObject("SELECT person_number('PPE12345678')", Long.class)).isNegative()
                .isGreaterThanOrEqualTo(-(1L << 60));
        assertThat(jdbc.queryForObject("SELECT person_number('CN1101051949123100')", Long.class)).as("not 18 characters")
                .isNegative();
    }

    @Test
    void aDatabaseWithStatementsGetsTheNumbersOfAllItsPartitions() {
        try (UpgradeDatabase upgrade = UpgradeDatabase.create(dataSource, UPGRADE)) {
            JdbcTemplate db = upgrade.jdbc();
            upgrade.migrateTo("81");
            db.execute("CREATE TABLE person_identity_2025_import_7 PARTITION OF person_identity_2025 FOR VALUES IN (7)");
            db.update("INSERT INTO person_identity (coverage_year, county_code, person_key, identity, valid_from, source, "
                    + "roster_import_id, source_line, source_date, recorded_by) VALUES "
                    + "(2025, '340321', 'CN340321194001010003', 'DIBAO', '2024-09-10', 'CIVIL_AFFAIRS', 7, 2, '2024-09-10', 't')");
            db.update("INSERT INTO person_identity (coverage_year, county_code, person_key, identity, valid_from, source, "
                    + "source_date, recorded_by) VALUES (2025, '340321', 'PPE12345678', 'TEKUN', '2024-09-01', 'MANUAL', "
                    + "'2024-09-01', 't'), (2031, '150702', 'CN11010519491231002X', 'ORPHAN', '2030-09-01', 'MANUAL', "
                    + "'2030-09-01', 't')");

            upgrade.migrateTo("latest");

            assertThat(db.queryForList("SELECT tableoid::regclass || ' ' || person_number FROM person_identity ORDER BY 1",
                    String.class)).containsExactly(
                            "person_identity_2025_import_7 34032119400101000",
                            "person_identity_2025_manual " + db.queryForObject("SELECT person_number('PPE12345678')", Long.class),
                            "person_identity_2031_manual 11010519491231002");
            assertThat(db.queryForObject("SELECT person_number('PPE12345678')", Long.class)).isNegative();
            assertThatThrownBy(() -> db.update("UPDATE person_identity SET person_number = 1")).as("still append-only").rootCause()
                    .hasMessageContaining("append-only");
        }
    }
}
