package cn.canbao.web.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The county home's "today's work" against fixtures in the real database whose counts are known: 怀远县 rows that
 * count, 怀远县 rows that must not (clean, another year, closed, paid), and 海拉尔区 rows the 怀远县 user must never see.
 * The clock stands inside the 2025 collection season, so its own context and database.
 */
@SpringBootTest(properties = "canbao.clock.start=2024-12-20T10:00:00+08:00")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountyTodaysWorkTest {

    private static final String YINFENG = "340321001000";
    private static final String WANGHUAI = "340321002000";
    private static final String HAILAR = "150702";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void fixtures() {
        rosterImport("a", 2025, YINFENG, "COMPLETED", 3);
        rosterImport("b", 2025, "340321", "FAILED", 0);
        rosterImport("c", 2025, "340321", "COMPLETED", 0);
        rosterImport("d", 2024, "340321", "COMPLETED", 7);
        rosterImport("e", 2025, HAILAR, "COMPLETED", 5);

        long rejected = paymentBatch("rejected-rows.csv", "340321", 2);
        jdbc.sql("INSERT INTO payment_import_error (batch_id, line, field, reason) VALUES (?, 3, '证件号码', '校验位错误')")
                .param(rejected).update();
        long unbalanced = paymentBatch("unbalanced.csv", "340321", 0);
        controlTotal(unbalanced, false);
        controlTotal(paymentBatch("clean.csv", "340321", 0), true);
        paymentBatch("hailar-rejected.csv", HAILAR, 5);

        long run = jdbc.sql("INSERT INTO reconciliation_run (coverage_year, started_by, finished_at, people, agreeing) "
                + "VALUES (2025, 'test', now(), 10, 5) RETURNING id").query(Long.class).single();
        difference(run, "PAID_NOT_REGISTERED", YINFENG, "1");
        difference(run, "PAID_NOT_REGISTERED", YINFENG, "2");
        difference(run, "PAID_NOT_REGISTERED", WANGHUAI, "3");
        difference(run, "PAID_TWICE", WANGHUAI, "4");
        difference(run, "PAID_TWICE", HAILAR + "001000", "5");

        refund(2025, "340321", YINFENG, 1, "OWED");
        refund(2025, "340321", WANGHUAI, 2, "OWED");
        refund(2025, "340321", WANGHUAI, 3, "CANCELLED");
        refund(2024, "340321", WANGHUAI, 4, "OWED");
        refund(2025, HAILAR, HAILAR + "001000", 5, "OWED");

        enrollment(resident("新生儿甲", "340321202410010011", YINFENG), 2025, "NEWBORN", "REGISTERED");
        enrollment(resident("新参保乙", "340321199001010021", YINFENG), 2025, "NEW_OR_LAPSED", "REGISTERED");
        enrollment(resident("断保丙", "340321199001010031", WANGHUAI), 2025, "NEW_OR_LAPSED", "REGISTERED");
        enrollment(resident("续保丁", "340321199001010041", WANGHUAI), 2025, "RENEWAL", "REGISTERED");

        enrollment(resident("未续保一", "340321198001010051", YINFENG), 2024, "RENEWAL", "REGISTERED");
        enrollment(resident("未续保二", "340321198001010061", YINFENG), 2024, "RENEWAL", "REGISTERED");
        enrollment(resident("未续保三", "340321198001010071", WANGHUAI), 2024, "RENEWAL", "REGISTERED");
        followUp("340321198001010061", YINFENG, "DECEASED");
        followUp("340321198001010071", WANGHUAI, "REFUSED");
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void countyStaffSeeTheCountsOfTheirCountyEachLinkingToItsWorklist() throws Exception {
        String page = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(count(page, "work-roster-imports")).isEqualTo("2");
        assertThat(link(page, "work-roster-imports")).isEqualTo("/rosters");
        assertThat(count(page, "work-payment-imports")).isEqualTo("2");
        assertThat(link(page, "work-payment-imports")).isEqualTo("/today/payment-imports");
        assertThat(count(page, "work-difference-PAID_NOT_REGISTERED")).isEqualTo("3");
        assertThat(link(page, "work-difference-PAID_NOT_REGISTERED"))
                .isEqualTo("/collection/340321/worklists/PAID_NOT_REGISTERED?coverageYear=2025");
        assertThat(count(page, "work-difference-PAID_TWICE")).isEqualTo("1");
        assertThat(count(page, "work-difference-REFUND_OWED")).isEqualTo("0");
        assertThat(count(page, "work-refunds")).isEqualTo("2");
        assertThat(link(page, "work-refunds")).isEqualTo("/subsidies/340321/2025/refunds");
        assertThat(count(page, "work-pending-NEWBORN")).isEqualTo("1");
        assertThat(count(page, "work-pending-NEWBORN_DIED_BEFORE_REGISTRATION")).isEqualTo("0");
        assertThat(count(page, "work-pending-NEW_OR_LAPSED")).isEqualTo("2");
        assertThat(link(page, "work-pending-NEW_OR_LAPSED"))
                .isEqualTo("/enrollments?coverageYear=2025&status=REGISTERED&flow=NEW_OR_LAPSED");
        assertThat(count(page, "work-lapses")).isEqualTo("2");
        assertThat(link(page, "work-lapses")).isEqualTo("/collection/340321/lapses?coverageYear=2025");
    }

    @Test
    @WithUserDetails("hailar.staff")
    void anotherCountysStaffCountOnlyTheirOwn() throws Exception {
        String page = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();

        assertThat(count(page, "work-roster-imports")).isEqualTo("1");
        assertThat(count(page, "work-payment-imports")).isEqualTo("1");
        assertThat(count(page, "work-difference-PAID_NOT_REGISTERED")).isEqualTo("0");
        assertThat(count(page, "work-difference-PAID_TWICE")).isEqualTo("1");
        assertThat(count(page, "work-refunds")).isEqualTo("1");
        assertThat(count(page, "work-pending-NEW_OR_LAPSED")).isEqualTo("0");
        assertThat(count(page, "work-lapses")).isEqualTo("0");
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void thePaymentImportWorklistShowsTheBatchesToCheckWithTheirRejectedRows() throws Exception {
        mvc.perform(get("/today/payment-imports"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("rejected-rows.csv")))
                .andExpect(content().string(containsString("校验位错误")))
                .andExpect(content().string(containsString("unbalanced.csv")))
                .andExpect(content().string(containsString("总数不平")))
                .andExpect(content().string(not(containsString("clean.csv"))))
                .andExpect(content().string(not(containsString("hailar-rejected.csv"))));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void theCountsFollowTheWorklistsTheyLinkTo() throws Exception {
        String enrollments = mvc.perform(get("/enrollments?coverageYear=2025&status=REGISTERED&flow=NEW_OR_LAPSED"))
                .andReturn().getResponse().getContentAsString();
        assertThat(enrollments).contains("新参保乙").contains("断保丙").doesNotContain("续保丁");

        String lapses = mvc.perform(get("/collection/340321/lapses?coverageYear=2025"))
                .andReturn().getResponse().getContentAsString();
        assertThat(lapses).contains("未续保一").contains("未续保三");
    }

    /** The badge inside the link with that id. */
    private static String count(String page, String id) {
        return find(page, "<a [^>]*id=\"" + id + "\"[^>]*>.*?<span class=\"badge[^\"]*\"[^>]*>(\\d+)</span>", id);
    }

    private static String link(String page, String id) {
        return find(page, "<a [^>]*id=\"" + id + "\"[^>]*href=\"([^\"]*)\"", id).replace("&amp;", "&");
    }

    private static String find(String page, String regex, String id) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("element #%s on the page", id).isTrue();
        return m.group(1);
    }

    private void rosterImport(String file, int year, String region, String status, long rejected) {
        jdbc.sql("INSERT INTO roster_import (roster_type, coverage_year, region_code, source_date, file_name, file_sha256, file_size, "
                        + "status, rows_read, rows_rejected, imported_by) VALUES ('CIVIL_AFFAIRS', :year, :region, DATE '2024-12-01', :file, "
                        + ":sha, 1, :status, 10, :rejected, 'test')")
                .paramSource(Map.of("year", year, "region", region, "file", file + ".csv", "sha", file.repeat(64), "status", status,
                        "rejected", rejected))
                .update();
    }

    private long paymentBatch(String file, String region, int rejected) {
        return jdbc.sql("INSERT INTO payment_import_batch (file_name, format, region_code, imported_by, finished_at, rows_read, "
                        + "rows_rejected) VALUES (?, 'CSV', ?, 'test', now(), 10, ?) RETURNING id")
                .params(file, region, rejected).query(Long.class).single();
    }

    private void controlTotal(long batch, boolean agree) {
        jdbc.sql("INSERT INTO payment_control_total (batch_id, collecting_unit, channel, stated_count, stated_net_fen, record_count, "
                + "record_net_fen, ledgers_agree) VALUES (?, '怀远县税务局', 'BANK', 10, 40000, 9, 36000, ?)").params(batch, agree).update();
    }

    private void difference(long run, String category, String region, String suffix) {
        jdbc.sql("INSERT INTO reconciliation_item (run_id, category, id_number, name, coverage_year, region_code, net_paid_fen, "
                        + "amount_fen, transaction_ids, reason) VALUES (?, ?, ?, ?, 2025, ?, 40000, 40000, 'T', 'test')")
                .params(run, category, "34032119900101000" + suffix, "差异" + suffix, region).update();
    }

    private void refund(int year, String county, String township, long enrollmentId, String status) {
        jdbc.sql("INSERT INTO refund_ledger (coverage_year, county_code, township_code, enrollment_id, funder, reason, owed_fen, status, "
                        + "paid_fen, paid_on, paid_by, rule_id, citation) VALUES (?, ?, ?, ?, 'MEDICAL_ASSISTANCE_FUND', "
                        + "'PAY_THEN_REFUND_SUBSIDY', 34000, ?, NULL, NULL, NULL, 'rule', 'cite')")
                .params(year, county, township, enrollmentId, status).update();
    }

    private long resident(String name, String idNumber, String region) {
        return jdbc.sql("INSERT INTO resident (person_key, name, document_type, document_number, region_code, county_code, category) "
                        + "VALUES (?, ?, 'RESIDENT_ID', ?, ?, ?, 'RESIDENT') RETURNING id")
                .params("ID:" + idNumber, name, idNumber, region, region.substring(0, 6)).query(Long.class).single();
    }

    private void enrollment(long resident, int year, String flow, String status) {
        jdbc.sql("INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, person_key, category, flow, status, "
                        + "registered_by) SELECT ?, r.county_code, r.region_code, r.id, r.person_key, 'RESIDENT', ?, ?, 'test' "
                        + "FROM resident r WHERE r.id = ?")
                .params(year, flow, status, resident).update();
    }

    private void followUp(String idNumber, String region, String outcome) {
        jdbc.sql("INSERT INTO lapse_followup (coverage_year, id_number, region_code, reason, outcome, recorded_by) "
                + "VALUES (2025, ?, ?, 'NOT_RENEWED', ?, 'test')").params(idNumber, region, outcome).update();
    }
}
