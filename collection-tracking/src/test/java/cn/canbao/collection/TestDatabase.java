package cn.canbao.collection;

import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.region.RegionCode;

/** Cleans the collection tables and writes enrollment rows into the enrollment view stand-ins. */
public final class TestDatabase {

    private final JdbcTemplate jdbc;

    public TestDatabase(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void clean() {
        jdbc.execute("TRUNCATE payment_record, payment_import_error, payment_control_total, payment_import_batch, reconciliation_item, "
                + "reconciliation_run, collection_person_status, progress_cumulative, progress_base, progress_snapshot, "
                + "collection_official_target, lapse_followup, collection_enrollment_v, collection_special_member_v");
        jdbc.update("UPDATE supervision_group SET leader_username = NULL");
        jdbc.update("DELETE FROM region WHERE demo");
    }

    /** A demo village under a township (invented for tests). */
    public void village(RegionCode village, String name) {
        jdbc.update("INSERT INTO region (code, name, level, parent_code, demo) VALUES (?, ?, 'VILLAGE', ?, true) ON CONFLICT DO NOTHING",
                village.value(), name, village.parent().orElseThrow().value());
    }

    public void enroll(int year, String idNumber, String name, RegionCode region, LocalDate registeredOn, Long assessedYuan, String phone) {
        jdbc.update("INSERT INTO collection_enrollment_v (coverage_year, id_number, name, region_code, registered_on, assessed_fen, contact_phone) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", year, idNumber, name, region.value(), registeredOn,
                assessedYuan == null ? null : assessedYuan * 100, phone);
    }

    public void special(int year, String idNumber, String name, RegionCode region, String identities, String phone) {
        jdbc.update("INSERT INTO collection_special_member_v (coverage_year, id_number, name, region_code, identities, contact_phone) "
                + "VALUES (?, ?, ?, ?, ?, ?)", year, idNumber, name, region.value(), identities, phone);
    }
}
