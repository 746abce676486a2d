package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V26 and R__identity_statement_views: identity statements are keyed by person key, a statement about
 * someone not (yet) registered counts for collection's special-group view with the name and region the
 * roster gave, and the history cannot be changed in any partition.
 */
@SpringBootTest(classes = MigrationsTest.Config.class)
class IdentityStatementsTest {

    private static final String ROSTER_ONLY = "340321196001010012";
    private static final String REGISTERED = "340321196001010039";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPersonKnownOnlyFromARosterIsASpecialGroupMemberWithTheRostersNameAndRegion() {
        statement(ROSTER_ONLY, "名单上的人", "340321001000", "DIBAO");
        statement(REGISTERED, "名单上的名字", "340321001000", "TEKUN");
        jdbc.update("INSERT INTO resident (person_key, name, document_type, document_number, region_code, county_code, category, phone) "
                + "VALUES (?, '登记的名字', 'RESIDENT_ID', ?, '340321002000', '340321', 'RESIDENT', '13800000000')",
                "CN" + REGISTERED, REGISTERED);

        Map<String, Object> rosterOnly = member(ROSTER_ONLY);
        Map<String, Object> registered = member(REGISTERED);

        assertThat(rosterOnly).containsEntry("name", "名单上的人").containsEntry("region_code", "340321001000")
                .containsEntry("identities", "DIBAO").containsEntry("contact_phone", null);
        assertThat(registered).as("once registered, the register's data").containsEntry("name", "登记的名字")
                .containsEntry("region_code", "340321002000").containsEntry("contact_phone", "13800000000");
    }

    @Test
    void aManualEntryLandsInItsYearsManualPartitionAndCannotBeChanged() {
        statement("340321196001010055", "手工", "340321001000", "ORPHAN");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM person_identity_2025_manual WHERE person_key = 'CN340321196001010055'",
                Integer.class)).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.update("UPDATE person_identity SET valid_to = valid_from WHERE person_key = 'CN340321196001010055'"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM person_identity_2025_manual"))
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void theRetiredColumnsAreGone() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE (table_name = 'person_identity'"
                + " AND column_name = 'resident_id') OR (table_name = 'roster_import' AND column_name = 'residents_created')",
                Integer.class)).isZero();
    }

    private void statement(String idNumber, String name, String region, String identity) {
        jdbc.update("INSERT INTO person_identity (coverage_year, county_code, person_key, person_number, name, region_code, identity,"
                + " valid_from, source, source_date, recorded_by) VALUES (2025, '340321', ?, person_number(?), ?, ?, ?, DATE '2024-09-01',"
                + " 'MANUAL', DATE '2024-09-01', 'test')", "CN" + idNumber, "CN" + idNumber, name, region, identity);
    }

    private Map<String, Object> member(String idNumber) {
        return jdbc.queryForMap("SELECT name, region_code, identities, contact_phone FROM collection_special_member_v"
                + " WHERE coverage_year = 2025 AND id_number = ?", idNumber);
    }
}
