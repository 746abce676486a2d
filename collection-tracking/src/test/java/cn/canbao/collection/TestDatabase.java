package cn.canbao.collection;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.sql.Timestamp;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.region.RegionCode;

/**
 * Cleans the collection and enrollment tables and writes residents, enrollments and identities
 * into the enrollment side's tables, which collection reads through its two views (V44).
 */
public final class TestDatabase {

    private final JdbcTemplate jdbc;

    public TestDatabase(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void clean() {
        jdbc.execute("TRUNCATE payment_record, payment_import_error, payment_control_total, payment_import_batch, reconciliation_item, "
                + "reconciliation_run, collection_person_status, progress_cumulative, progress_base, progress_snapshot, "
                + "collection_official_target, lapse_followup, enrollment, assessment_result, person_identity, resident, household CASCADE");
        jdbc.update("UPDATE supervision_group SET leader_username = NULL");
        jdbc.update("DELETE FROM region WHERE demo");
    }

    /** A demo village under a township (invented for tests). */
    public void village(RegionCode village, String name) {
        jdbc.update("INSERT INTO region (code, name, level, parent_code, demo) VALUES (?, ?, 'VILLAGE', ?, true) ON CONFLICT DO NOTHING",
                village.value(), name, village.parent().orElseThrow().value());
    }

    private long resident(String idNumber, String name, RegionCode region, String phone) {
        return jdbc.queryForObject("INSERT INTO resident (person_key, name, document_type, document_number, region_code, county_code, "
                + "category, phone, demo) VALUES (?, ?, 'RESIDENT_ID', ?, ?, ?, 'RESIDENT', ?, true) ON CONFLICT (person_key) "
                + "DO UPDATE SET phone = coalesce(excluded.phone, resident.phone) RETURNING id", Long.class,
                "CN" + idNumber, name, idNumber, region.value(), region.value().substring(0, 6), phone);
    }

    /** An enrollment; {@code assessedYuan} null = registered, not yet assessed (else its current assessment). */
    public void enroll(int year, String idNumber, String name, RegionCode region, LocalDate registeredOn, Long assessedYuan, String phone) {
        long residentId = resident(idNumber, name, region, phone);
        String county = region.value().substring(0, 6);
        long enrollmentId = jdbc.queryForObject("INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, "
                + "person_key, category, flow, status, registered_at, registered_by) "
                + "VALUES (?, ?, ?, ?, ?, 'RESIDENT', 'RENEWAL', 'REGISTERED', ?, 'test') RETURNING id", Long.class,
                year, county, region.value(), residentId, "CN" + idNumber,
                Timestamp.from(registeredOn.atTime(LocalTime.of(10, 0)).atZone(ZoneId.of("Asia/Shanghai")).toInstant()));
        if (assessedYuan != null) {
            jdbc.queryForObject("SELECT assessment_result_partition(?, ?)::text", String.class, year, county);
            jdbc.update("INSERT INTO assessment_result (coverage_year, county_code, enrollment_id, region_code, policy_version, "
                    + "input_fingerprint, accepted, standard_fen, personal_due_fen) VALUES (?, ?, ?, ?, 'test', 0, true, ?, ?)",
                    year, county, enrollmentId, region.value(), assessedYuan * 100, assessedYuan * 100);
        }
    }

    /** A special-group identity held in the year. */
    public void special(int year, String idNumber, String name, RegionCode region, String identity, String phone) {
        resident(idNumber, name, region, phone);
        jdbc.update("INSERT INTO person_identity (coverage_year, county_code, person_key, person_number, identity, valid_from, source, "
                + "source_date, recorded_by) VALUES (?, ?, ?, ?, ?, ?, 'TEST', ?, 'test')", year, region.countyCode(), "CN" + idNumber,
                new PersonKey("CN" + idNumber).number(), identity, LocalDate.of(year - 1, 9, 1), LocalDate.of(year - 1, 9, 1));
    }
}
