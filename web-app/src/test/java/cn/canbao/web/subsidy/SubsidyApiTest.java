package cn.canbao.web.subsidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(properties = "canbao.security.login-attempts-per-minute=100000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class SubsidyApiTest {

    private static final String PASSWORD = "Canbao@2025";
    private static final String LIUCHENG = "340321100000";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;

    private long dibaoEnrollment;
    private long veteranEnrollment;

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String user, String body) {
        return request.with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** Two paid 怀远县 2025 enrollments in 榴城镇: a 低保 person whose name a spreadsheet would run, and a veteran. */
    @BeforeEach
    void enroll() {
        String key = "web-" + System.nanoTime();
        dibaoEnrollment = enroll(key + "-a", "=HYPERLINK(\"http://x\")", "DIBAO");
        veteranEnrollment = enroll(key + "-b", "优抚测试", "ENTITLED_VETERAN");
    }

    private long enroll(String key, String name, String identity) {
        long resident = jdbc.sql("""
                INSERT INTO resident (person_key, name, document_type, document_number, birth_date, region_code, county_code, category)
                VALUES (:key, :name, 'RESIDENT_ID', :doc, '1960-01-01', :region, '340321', 'RESIDENT') RETURNING id
                """).param("key", key).param("name", name).param("doc", key.substring(Math.max(0, key.length() - 18)))
                .param("region", LIUCHENG).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO person_identity (coverage_year, county_code, person_key, person_number, identity, valid_from, source,
                    source_date, recorded_by)
                VALUES (2025, '340321', :key, person_number(:key), :identity, '2024-09-01', 'TEST', '2024-09-01', 'test')
                """).param("key", key).param("identity", identity).update();
        return jdbc.sql("""
                INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, person_key, category, flow, status,
                  registered_at, registered_by, paid_at)
                VALUES (2025, '340321', :region, :resident, :key, 'RESIDENT', 'RENEWAL', 'PAID', '2024-10-08 10:00+08', 'test',
                  '2024-10-20 10:00+08') RETURNING id
                """).param("region", LIUCHENG).param("resident", resident).param("key", key).query(Long.class).single();
    }

    @Test
    void aCountyRunsTheBatchAndSeesItsStatementsWithCitationsButNeverAnotherCountys() throws Exception {
        mvc.perform(json(post("/api/v1/subsidies/340321/2025/assessment-runs"), "huaiyuan.staff", ""))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(Matchers.greaterThanOrEqualTo(2)));
        mvc.perform(get("/api/v1/subsidies/340321/2025/statements").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.funders[0].funder").value("MEDICAL_ASSISTANCE_FUND"))
                .andExpect(jsonPath("$.funders[0].byRule[?(@.ruleId == 'dibao')].citation").value(
                        Matchers.hasItem("怀远县2025年度居民医保参保缴费工作方案 二（二）")))
                .andExpect(jsonPath("$.funders[5].funder").value("COUNTY_FINANCE"))
                .andExpect(jsonPath("$.funders[5].byRule[?(@.ruleId == 'entitled-veteran')].mode").value(Matchers.hasItem("PAY_THEN_REFUND")));

        mvc.perform(get("/api/v1/subsidies/150702/2025/statements").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/subsidies/150702/2025").with(user(users.loadUserByUsername("huaiyuan.staff"))))
                .andExpect(status().isForbidden());
        mvc.perform(json(post("/api/v1/subsidies/150702/2025/assessment-runs"), "huaiyuan.staff", ""))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/subsidies/150702/2025/statements").with(httpBasic("hailar.staff", PASSWORD)))
                .andExpect(status().isOk());
    }

    @Test
    void aCityUserSeesTheStatementsOfAllItsCountiesAndExportsThem() throws Exception {
        String key = "web-hailar-" + System.nanoTime();
        long resident = jdbc.sql("""
                INSERT INTO resident (person_key, name, document_type, document_number, birth_date, region_code, county_code, category)
                VALUES (:key, '海拉尔低保', 'RESIDENT_ID', :doc, '1960-01-01', '150702', '150702', 'RESIDENT') RETURNING id
                """).param("key", key).param("doc", key.substring(key.length() - 18)).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO person_identity (coverage_year, county_code, person_key, person_number, identity, valid_from, source,
                    source_date, recorded_by)
                VALUES (2025, '150702', :key, person_number(:key), 'DIBAO', '2024-09-01', 'TEST', '2024-09-01', 'test')
                """).param("key", key).update();
        jdbc.sql("""
                INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, person_key, category, flow, status,
                  registered_at, registered_by, paid_at)
                VALUES (2025, '150702', '150702', :resident, :key, 'RESIDENT', 'RENEWAL', 'PAID', '2024-10-08 10:00+08', 'test',
                  '2024-10-20 10:00+08')
                """).param("resident", resident).param("key", key).update();
        mvc.perform(json(post("/api/v1/subsidies/150702/2025/assessment-runs"), "hailar.staff", "")).andExpect(status().isOk());

        // 呼医保发〔2024〕13号 二（二）二是: 低保 → 医疗救助基金 200; the city's statement holds 海拉尔区's people.
        mvc.perform(get("/api/v1/subsidies/150700/2025/statements").with(httpBasic("hlbe.supervisor", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.funders[0].byRule[?(@.ruleId == 'low-income')].citation").value(
                        Matchers.hasItem("呼医保发〔2024〕13号 二（二）二是")))
                .andExpect(jsonPath("$.funders[0].people").value(Matchers.greaterThanOrEqualTo(1)));
        String page = mvc.perform(get("/subsidies/150700/2025").with(user(users.loadUserByUsername("hlbe.supervisor"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("150702").doesNotContain("/subsidies/150700/2025/fiscal");
        mvc.perform(get("/subsidies/150700/2025/statements/MEDICAL_ASSISTANCE_FUND/export")
                        .with(user(users.loadUserByUsername("hlbe.supervisor"))))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/subsidies/150700/2025/statements").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theExcelExportNeutralisesFormulasAndStreamsEveryLine() throws Exception {
        mvc.perform(json(post("/api/v1/subsidies/340321/2025/assessment-runs"), "huaiyuan.staff", "")).andExpect(status().isOk());
        byte[] xlsx = mvc.perform(get("/subsidies/" + LIUCHENG + "/2025/statements/MEDICAL_ASSISTANCE_FUND/export")
                        .with(user(users.loadUserByUsername("huaiyuan.staff"))))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .andReturn().getResponse().getContentAsByteArray();
        List<String> people = new ArrayList<>();
        List<String> enrollments = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : book.getSheetAt(0)) {
                enrollments.add(row.getCell(0).getStringCellValue());
                people.add(row.getCell(1).getStringCellValue());
            }
        }
        int index = enrollments.indexOf(Long.toString(dibaoEnrollment));
        assertThat(index).isPositive();
        assertThat(people.get(index)).startsWith("'=HYPERLINK");
    }

    @Test
    void aPayThenRefundRefundIsOwedAfterPaymentAndPaidOnlyOnce() throws Exception {
        mvc.perform(json(post("/api/v1/subsidies/340321/2025/assessment-runs"), "huaiyuan.staff", "")).andExpect(status().isOk());
        mvc.perform(json(post("/api/v1/subsidies/340321/2025/refunds/reconcile"), "huaiyuan.staff", "")).andExpect(status().isOk());
        String ledger = mvc.perform(get("/api/v1/subsidies/" + LIUCHENG + "/2025/refunds").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode entries = JsonMapper.builder().build().readTree(ledger).get("entries");
        long refundId = -1;
        for (JsonNode entry : entries) {
            if (entry.get("enrollmentId").asLong() == veteranEnrollment) {
                refundId = entry.get("id").asLong();
                assertThat(entry.get("owed").asString()).isEqualTo("400.00");
                assertThat(entry.get("funder").asString()).isEqualTo("COUNTY_FINANCE");
            }
        }
        assertThat(refundId).isPositive();
        String paid = "{\"amount\":\"400.00\",\"paidOn\":\"2025-01-10\"}";
        mvc.perform(json(post("/api/v1/subsidies/340321/2025/refunds/" + refundId + "/paid"), "huaiyuan.staff", paid))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PAID"));
        mvc.perform(json(post("/api/v1/subsidies/340321/2025/refunds/" + refundId + "/paid"), "huaiyuan.staff", paid))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(Matchers.containsString("already paid")));
        mvc.perform(json(post("/api/v1/subsidies/150702/2025/refunds/" + refundId + "/paid"), "huaiyuan.staff", paid))
                .andExpect(status().isForbidden());
    }

    @Test
    void fiscalSettlementAndWhatIfAnswerPerLevelAndNameWhatTheDocumentsLeaveOut() throws Exception {
        mvc.perform(json(post("/api/v1/subsidies/150702/2025/fiscal-settlement"), "hailar.staff",
                        "{\"preAllocationCount\":100000,\"finalCount\":100000}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.preAllocatedTotal").value("40200000.00"))
                .andExpect(jsonPath("$.levels[0].preAllocated").value("32160000.00"))
                .andExpect(jsonPath("$.levels[2].preAllocated").value("723600.00"))
                .andExpect(jsonPath("$.settled").value(false))
                .andExpect(jsonPath("$.missing[0]").value(Matchers.containsString("2025")));
        mvc.perform(json(post("/api/v1/subsidies/340321/2025/fiscal-settlement"), "huaiyuan.staff", "{}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.missing[0]").value(Matchers.containsString("pre-allocation")));
        mvc.perform(json(post("/api/v1/subsidies/150702/2025/what-if"), "hailar.staff",
                        "{\"fiscalStandard\":\"700.00\",\"insuredCount\":100000}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.levels[?(@.level == 'CENTRAL')].scenario").value(Matchers.hasItem("56000000.00")))
                .andExpect(jsonPath("$.levels[?(@.level == 'CITY')].scenario").value(Matchers.hasItem("1260000.00")))
                .andExpect(jsonPath("$.currentFiscalMissing[0]").value(Matchers.containsString("standard")));
    }

    @Test
    void thePagesShowTablesAndChartsFromSeparateScripts() throws Exception {
        var staff = user(users.loadUserByUsername("huaiyuan.staff"));
        mvc.perform(post("/subsidies/340321/2025/runs").with(staff).with(csrf())).andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/subsidies/340321/2025").with(staff))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"statement-chart\"", "data-chart=", "/webjars/echarts/", "echarts.min.js", "/js/subsidy-charts.js")
                .doesNotContain("style=");
        mvc.perform(get("/subsidies/340321/2025/what-if").param("people.dibao", "1000").with(staff))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("id=\"what-if-chart\"")));
        mvc.perform(get("/subsidies/" + LIUCHENG + "/2025/refunds").with(staff)).andExpect(status().isOk());
        mvc.perform(get("/webjars/echarts/echarts.min.js").with(staff)).andExpect(status().isOk());
    }
}
