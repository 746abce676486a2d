package cn.canbao.web.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
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
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The county home's "today's work" against fixtures in the real database whose counts are known: 乌拉特前旗 rows that
 * count, 乌拉特前旗 rows that must not (clean, another year, closed, cancelled), and 海拉尔区 rows the 乌拉特前旗 user
 * must never see.
 * The clock stands inside the 2025 collection season. Other test classes of the same JVM share the database, so
 * the counts are compared with those read before the fixtures went in; the reconciliation counts are absolute,
 * because the fixture run is the latest run of the year and only its items count.
 */
@SpringBootTest(properties = "canbao.clock.start=2024-12-20T10:00:00+08:00")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountyTodaysWorkTest {

    private static final String COUNTY = "150823";
    private static final String TOWNSHIP_1 = "150823001000";
    private static final String TOWNSHIP_2 = "150823002000";
    private static final String HAILAR = "150702";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDetailsService users;

    private final Map<String, Long> before = new HashMap<>();

    @BeforeAll
    void fixtures() throws Exception {
        for (String user : List.of("wlqq.staff", "hailar.staff")) {
            String page = mvc.perform(get("/").with(user(users.loadUserByUsername(user)))).andReturn().getResponse().getContentAsString();
            for (String id : List.of("work-roster-imports", "work-payment-imports", "work-refunds", "work-pending-NEWBORN",
                    "work-pending-NEWBORN_DIED_BEFORE_REGISTRATION", "work-pending-NEW_OR_LAPSED", "work-lapses")) {
                before.put(user + "#" + id, Long.parseLong(count(page, id)));
            }
        }
        rosterImport("a", 2025, TOWNSHIP_1, "COMPLETED", 3);
        rosterImport("b", 2025, COUNTY, "FAILED", 0);
        rosterImport("c", 2025, COUNTY, "COMPLETED", 0);
        rosterImport("d", 2024, COUNTY, "COMPLETED", 7);
        rosterImport("e", 2025, HAILAR, "COMPLETED", 5);

        long rejected = paymentBatch("rejected-rows.csv", COUNTY, 2);
        jdbc.sql("INSERT INTO payment_import_error (batch_id, line, field, reason) VALUES (?, 3, '证件号码', '校验位错误')")
                .param(rejected).update();
        long unbalanced = paymentBatch("unbalanced.csv", COUNTY, 0);
        controlTotal(unbalanced, false);
        controlTotal(paymentBatch("clean.csv", COUNTY, 0), true);
        paymentBatch("hailar-rejected.csv", HAILAR, 5);

        long run = jdbc.sql("INSERT INTO reconciliation_run (coverage_year, started_by, finished_at, people, agreeing) "
                + "VALUES (2025, 'test', now(), 10, 5) RETURNING id").query(Long.class).single();
        difference(run, "PAID_NOT_REGISTERED", TOWNSHIP_1, "1");
        difference(run, "PAID_NOT_REGISTERED", TOWNSHIP_1, "2");
        difference(run, "PAID_NOT_REGISTERED", TOWNSHIP_2, "3");
        difference(run, "PAID_TWICE", TOWNSHIP_2, "4");
        difference(run, "PAID_TWICE", HAILAR + "001000", "5");

        refund(2025, COUNTY, TOWNSHIP_1, 1, "OWED");
        refund(2025, COUNTY, TOWNSHIP_2, 2, "OWED");
        refund(2025, COUNTY, TOWNSHIP_2, 3, "CANCELLED");
        refund(2024, COUNTY, TOWNSHIP_2, 4, "OWED");
        refund(2025, HAILAR, HAILAR + "001000", 5, "OWED");

        enrollment(resident("新生儿甲", "150823202410010011", TOWNSHIP_1), 2025, "NEWBORN", "REGISTERED");
        enrollment(resident("新参保乙", "150823199001010021", TOWNSHIP_1), 2025, "NEW_OR_LAPSED", "REGISTERED");
        enrollment(resident("断保丙", "150823199001010031", TOWNSHIP_2), 2025, "NEW_OR_LAPSED", "REGISTERED");
        enrollment(resident("续保丁", "150823199001010041", TOWNSHIP_2), 2025, "RENEWAL", "REGISTERED");

        enrollment(resident("未续保一", "150823198001010051", TOWNSHIP_1), 2024, "RENEWAL", "REGISTERED");
        enrollment(resident("未续保二", "150823198001010061", TOWNSHIP_1), 2024, "RENEWAL", "REGISTERED");
        enrollment(resident("未续保三", "150823198001010071", TOWNSHIP_2), 2024, "RENEWAL", "REGISTERED");
        followUp("150823198001010061", TOWNSHIP_1, "DECEASED");
        followUp("150823198001010071", TOWNSHIP_2, "REFUSED");
    }

    @Test
    @WithUserDetails("wlqq.staff")
    void countyStaffSeeTheCountsOfTheirCountyEachLinkingToItsWorklist() throws Exception {
        String page = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(added(page, "wlqq.staff", "work-roster-imports")).isEqualTo(2);
        assertThat(link(page, "work-roster-imports")).isEqualTo("/rosters");
        assertThat(added(page, "wlqq.staff", "work-payment-imports")).isEqualTo(2);
        assertThat(link(page, "work-payment-imports")).isEqualTo("/today/payment-imports");
        assertThat(count(page, "work-difference-PAID_NOT_REGISTERED")).isEqualTo("3");
        assertThat(link(page, "work-difference-PAID_NOT_REGISTERED"))
                .isEqualTo("/collection/150823/worklists/PAID_NOT_REGISTERED?coverageYear=2025");
        assertThat(count(page, "work-difference-PAID_TWICE")).isEqualTo("1");
        assertThat(count(page, "work-difference-REFUND_OWED")).isEqualTo("0");
        assertThat(added(page, "wlqq.staff", "work-refunds")).isEqualTo(2);
        assertThat(link(page, "work-refunds")).isEqualTo("/subsidies/150823/2025/refunds");
        assertThat(added(page, "wlqq.staff", "work-pending-NEWBORN")).isEqualTo(1);
        assertThat(added(page, "wlqq.staff", "work-pending-NEWBORN_DIED_BEFORE_REGISTRATION")).isEqualTo(0);
        assertThat(added(page, "wlqq.staff", "work-pending-NEW_OR_LAPSED")).isEqualTo(2);
        assertThat(link(page, "work-pending-NEW_OR_LAPSED"))
                .isEqualTo("/enrollments?coverageYear=2025&status=REGISTERED&flow=NEW_OR_LAPSED");
        assertThat(added(page, "wlqq.staff", "work-lapses")).isEqualTo(2);
        assertThat(link(page, "work-lapses")).isEqualTo("/collection/150823/lapses?coverageYear=2025");
    }

    @Test
    @WithUserDetails("hailar.staff")
    void anotherCountysStaffCountOnlyTheirOwn() throws Exception {
        String page = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();

        assertThat(added(page, "hailar.staff", "work-roster-imports")).isEqualTo(1);
        assertThat(added(page, "hailar.staff", "work-payment-imports")).isEqualTo(1);
        assertThat(count(page, "work-difference-PAID_NOT_REGISTERED")).isEqualTo("0");
        assertThat(count(page, "work-difference-PAID_TWICE")).isEqualTo("1");
        assertThat(added(page, "hailar.staff", "work-refunds")).isEqualTo(1);
        assertThat(added(page, "hailar.staff", "work-pending-NEW_OR_LAPSED")).isEqualTo(0);
        assertThat(added(page, "hailar.staff", "work-lapses")).isEqualTo(0);
    }

    @Test
    @WithUserDetails("wlqq.staff")
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
    @WithUserDetails("wlqq.staff")
    void theCountsFollowTheWorklistsTheyLinkTo() throws Exception {
        String enrollments = mvc.perform(get("/enrollments?coverageYear=2025&status=REGISTERED&flow=NEW_OR_LAPSED"))
                .andReturn().getResponse().getContentAsString();
        assertThat(enrollments).contains("新参保乙").contains("断保丙").doesNotContain("续保丁");

        String lapses = mvc.perform(get("/collection/150823/lapses?coverageYear=2025"))
                .andReturn().getResponse().getContentAsString();
        assertThat(lapses).contains("未续保一").contains("未续保三");
    }

    /** How much the count grew with the fixtures. */
    private long added(String page, String user, String id) {
        return Long.parseLong(count(page, id)) - before.get(user + "#" + id);
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
                + "record_net_fen, ledgers_agree) VALUES (?, '乌拉特前旗税务局', 'BANK', 10, 40000, 9, 36000, ?)").params(batch, agree).update();
    }

    private void difference(long run, String category, String region, String suffix) {
        jdbc.sql("INSERT INTO reconciliation_item (run_id, category, id_number, name, coverage_year, region_code, county_code, "
                        + "net_paid_fen, amount_fen, transaction_ids, reason) VALUES (?, ?, ?, ?, 2025, ?, ?, 40000, 40000, 'T', 'test')")
                .params(run, category, "15082319900101000" + suffix, "差异" + suffix, region, region.substring(0, 6)).update();
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
        jdbc.sql("INSERT INTO lapse_followup (coverage_year, id_number, region_code, county_code, reason, outcome, recorded_by) "
                + "VALUES (2025, ?, ?, ?, 'NOT_RENEWED', ?, 'test')").params(idNumber, region, region.substring(0, 6), outcome).update();
    }
}
