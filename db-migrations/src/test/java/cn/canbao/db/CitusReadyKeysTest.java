package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The schema keeps the path to Citus open (docs/scaling.md): every table meant to be distributed by county that has
 * keys has county_code in each primary key and unique constraint (reconciliation_item has none, and
 * collection_person_status is distributed by person: CollectionCountyKeysTest), and every foreign key between two such tables names
 * county_code on both sides, so that the rows it joins live on the same worker.
 */
@SpringBootTest(classes = CitusReadyKeysTest.Config.class)
class CitusReadyKeysTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Config {
    }

    /** The tables distributed by county_code (docs/scaling.md), with the keys they have to have. */
    private static final Set<String> DISTRIBUTED_BY_COUNTY = Set.of("household", "resident", "enrollment", "refund_request",
            "assessment_result", "assessment_change", "refund_ledger", "payment_record", "lapse_followup", "progress_base",
            "progress_cumulative", "progress_snapshot");

    /**
     * Province-wide rules a county-distributed table cannot keep by itself; on Citus they move to tables distributed
     * by person key (docs/scaling.md, "The one rule the distribution cannot keep by itself").
     */
    private static final Map<String, String> PROVINCE_WIDE_UNIQUE = Map.of(
            "resident", "resident_person_key_uk",
            "enrollment", "enrollment_one_active_per_person_and_year");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyPrimaryKeyAndUniqueConstraintOfACountyTableContainsTheCountyCode() {
        List<Map<String, Object>> keys = jdbc.queryForList("""
                SELECT c.relname AS table_name, i.relname AS index_name,
                       bool_or(a.attname = 'county_code') AS has_county
                FROM pg_index x
                JOIN pg_class c ON c.oid = x.indrelid
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (x.indkey)
                WHERE x.indisunique AND c.relname = ANY (?) AND NOT c.relispartition
                GROUP BY c.relname, i.relname
                """, (Object) DISTRIBUTED_BY_COUNTY.toArray(String[]::new));

        assertThat(keys).extracting(key -> key.get("table_name")).containsAll(DISTRIBUTED_BY_COUNTY);
        assertThat(keys).filteredOn(key -> !Boolean.TRUE.equals(key.get("has_county")))
                .extracting(key -> key.get("table_name") + "." + key.get("index_name"))
                .containsExactlyInAnyOrderElementsOf(PROVINCE_WIDE_UNIQUE.entrySet().stream()
                        .map(e -> e.getKey() + "." + e.getValue()).toList());
    }

    @Test
    void everyForeignKeyBetweenCountyTablesNamesTheCountyCodeOnBothSides() {
        List<Map<String, Object>> foreignKeys = jdbc.queryForList("""
                SELECT k.conname AS name,
                       (SELECT bool_or(a.attname = 'county_code') FROM pg_attribute a
                        WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)) AS referencing_has_county,
                       (SELECT bool_or(a.attname = 'county_code') FROM pg_attribute a
                        WHERE a.attrelid = k.confrelid AND a.attnum = ANY (k.confkey)) AS referenced_has_county
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_class r ON r.oid = k.confrelid
                WHERE k.contype = 'f' AND c.relname = ANY (?) AND r.relname = ANY (?) AND k.conparentid = 0
                """, DISTRIBUTED_BY_COUNTY.toArray(String[]::new), DISTRIBUTED_BY_COUNTY.toArray(String[]::new));

        assertThat(foreignKeys).extracting(fk -> fk.get("name")).contains("resident_household_in_county",
                "enrollment_resident_in_county", "refund_request_enrollment_in_county", "refund_request_resident_in_county");
        assertThat(foreignKeys).allSatisfy(fk -> assertThat(fk).containsEntry("referencing_has_county", true)
                .containsEntry("referenced_has_county", true));
    }

    @Test
    @Transactional
    void anEnrollmentInAnotherCountyThanItsResidentIsRefusedByTheKey() {
        jdbc.update("INSERT INTO region (code, name, level, parent_code) VALUES ('150702100000', '测试镇', 'TOWNSHIP', '150702')");
        long resident = jdbc.queryForObject("""
                INSERT INTO resident (person_key, name, document_type, document_number, region_code, county_code, category)
                VALUES ('CN340321199001010011', '甲', 'RESIDENT_ID', '340321199001010011', '340321001000', '340321', 'RESIDENT')
                RETURNING id""", Long.class);

        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, person_key, category, flow,
                    status, registered_by)
                VALUES (2025, '150702', '150702100000', ?, 'CN340321199001010011', 'RESIDENT', 'RENEWAL', 'REGISTERED', 'test')
                """, resident)).hasMessageContaining("enrollment_resident_in_county");
    }
}
