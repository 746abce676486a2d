package cn.canbao.web.policy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@SpringBootTest(properties = "canbao.security.login-attempts-per-minute=100000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class PolicyApiTest {

    private static final String PASSWORD = "Canbao@2025";

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder json(String path, String user, String body) {
        return post(path).with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aHuaiyuanDibaoResidentPays60AndTheMedicalAssistanceFund340() throws Exception {
        mvc.perform(json("/api/v1/assessments/preview", "huaiyuan.staff", """
                        {"regionCode":"340321","coverageYear":2025,"birthDate":"1970-01-01","category":"RESIDENT",
                         "identities":["DIBAO"],"paymentDate":"2024-10-01"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(true))
                .andExpect(jsonPath("$.standardAmount").value("400.00"))
                .andExpect(jsonPath("$.personalDue").value("60.00"))
                .andExpect(jsonPath("$.subsidies[0].funder").value("MEDICAL_ASSISTANCE_FUND"))
                .andExpect(jsonPath("$.subsidies[0].amount").value("340.00"))
                .andExpect(jsonPath("$.subsidies[0].mode").value("DIRECT"))
                .andExpect(jsonPath("$.subsidies[0].citation.doc").value("怀远县2025年度居民医保参保缴费工作方案"))
                .andExpect(jsonPath("$.subsidies[0].citation.clause").value("二（二）"))
                .andExpect(jsonPath("$.refunds").isEmpty())
                .andExpect(jsonPath("$.coverageStart").value("2025-01-01"))
                .andExpect(jsonPath("$.coverageEnd").value("2025-12-31"))
                .andExpect(jsonPath("$.appliedRule").value("COLLECTION_WINDOW + dibao"))
                .andExpect(jsonPath("$.policyVersionId").isNumber())
                .andExpect(jsonPath("$.explanation", Matchers.hasItem(Matchers.containsString("340元定额资助"))));
    }

    @Test
    void aHuaiyuanVeteranPaysFirstAndIsRefundedLater() throws Exception {
        mvc.perform(json("/api/v1/assessments/preview", "huaiyuan.staff", """
                        {"regionCode":"340321","coverageYear":2025,"birthDate":"1955-01-01","category":"RESIDENT",
                         "identities":["ENTITLED_VETERAN"],"paymentDate":"2024-10-01"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.personalDue").value("400.00"))
                .andExpect(jsonPath("$.subsidies[0].mode").value("PAY_THEN_REFUND"))
                .andExpect(jsonPath("$.refunds[0].funder").value("COUNTY_FINANCE"))
                .andExpect(jsonPath("$.refunds[0].amount").value("400.00"));
    }

    @Test
    void aHailarNewbornRegisteredOnDay91IsAcceptedWithOpenCoverageStartAndNoWaitingPeriod() throws Exception {
        mvc.perform(json("/api/v1/assessments/preview", "hailar.staff", """
                        {"regionCode":"150702","coverageYear":2025,"birthDate":"2025-03-01","category":"NEWBORN",
                         "paymentDate":"2025-05-31"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(true))
                .andExpect(jsonPath("$.coverageStart").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.waitingPeriod.status").value("EXEMPT"))
                .andExpect(jsonPath("$.waitingPeriod.citation.clause").value("四"));
    }

    @Test
    void anUradFrontBannerPaymentAfterTheWindowIsRejectedWithTheReason() throws Exception {
        mvc.perform(json("/api/v1/assessments/preview", "wlqq.staff", """
                        {"regionCode":"150823","coverageYear":2024,"birthDate":"1980-01-01","category":"RESIDENT",
                         "paymentDate":"2024-01-02"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(false))
                .andExpect(jsonPath("$.rejectionReason").value("AFTER_COLLECTION_WINDOW"))
                .andExpect(jsonPath("$.rejectionMessage").value(Matchers.containsString("2023-12-31")));
    }

    @Test
    void previewingAPersonOfAnotherRegionIsRefused() throws Exception {
        mvc.perform(json("/api/v1/assessments/preview", "huaiyuan.staff", """
                        {"regionCode":"150702","coverageYear":2025,"birthDate":"1980-01-01","category":"RESIDENT",
                         "paymentDate":"2024-10-01"}"""))
                .andExpect(status().isForbidden());
    }

    @Test
    void aMissingFieldIsABadRequestNamingTheField() throws Exception {
        mvc.perform(json("/api/v1/assessments/preview", "huaiyuan.staff", """
                        {"regionCode":"340321","coverageYear":2025,"category":"RESIDENT","paymentDate":"2024-10-01"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("birthDate is required"));
    }

    @Test
    void theEffectivePolicyShowsWhereEachValueComesFrom() throws Exception {
        mvc.perform(get("/api/v1/policies/150702/2025").with(httpBasic("hailar.staff", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.regionCode").value("150702"))
                .andExpect(jsonPath("$.sources[0].fileName").value("150700-2025.yaml"))
                .andExpect(jsonPath("$.sources[1].fileName").value("150000-2025.yaml"))
                .andExpect(jsonPath("$.entries[?(@.rule == 'personalStandard')].value").value("400.00"))
                .andExpect(jsonPath("$.entries[?(@.rule == 'personalStandard')].inherited").value(true))
                .andExpect(jsonPath("$.entries[?(@.rule == 'personalStandard')].citation.clause").value("二（一）"));
    }

    @Test
    void aYearWithoutPolicyIsNotFound() throws Exception {
        mvc.perform(get("/api/v1/policies/340321/2019").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void hailarsFiscalSplitAt100000InsuredMatchesTheHandComputedFigures() throws Exception {
        mvc.perform(json("/api/v1/fiscal-split/preview", "hailar.staff", """
                        {"regionCode":"150702","year":2024,"insuredCount":100000}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value("67000000.00"))
                .andExpect(jsonPath("$.levels[0].level").value("CENTRAL"))
                .andExpect(jsonPath("$.levels[0].amount").value("53600000.00"))
                .andExpect(jsonPath("$.levels[1].amount").value("9380000.00"))
                .andExpect(jsonPath("$.levels[2].amount").value("1206000.00"))
                .andExpect(jsonPath("$.levels[3].level").value("COUNTY"))
                .andExpect(jsonPath("$.levels[3].amount").value("2814000.00"))
                .andExpect(jsonPath("$.levels[2].citation.doc").value("呼医保发〔2024〕13号"))
                .andExpect(jsonPath("$.countBasis").value("2024年缴费人数"))
                .andExpect(jsonPath("$.settlement.due").value("2024-10-31"));
    }

    @Test
    void hailarsFiscalPreAllocationFor2025IsSixtyPercentOfThe2024Standard() throws Exception {
        mvc.perform(json("/api/v1/fiscal-split/preview", "hailar.staff", """
                        {"regionCode":"150702","year":2025,"insuredCount":100000}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.preAllocation.total").value("40200000.00"))
                .andExpect(jsonPath("$.preAllocation.due").value("2025-04-30"))
                .andExpect(jsonPath("$.levels").isEmpty())
                .andExpect(jsonPath("$.notComputable[0]").value(Matchers.containsString("2025 government subsidy standard")));
    }

    @Test
    void huaiyuansFiscalSplitIs536CentralAnd134Provincial() throws Exception {
        mvc.perform(json("/api/v1/fiscal-split/preview", "huaiyuan.staff", """
                        {"regionCode":"340321","year":2025,"insuredCount":100000}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.levels[0].amount").value("53600000.00"))
                .andExpect(jsonPath("$.levels[1].amount").value("13400000.00"))
                .andExpect(jsonPath("$.levels.length()").value(2));
    }

    @Test
    void uradFrontBannersSplitIsAnErrorNamingTheMissingTier() throws Exception {
        mvc.perform(json("/api/v1/fiscal-split/preview", "wlqq.staff", """
                        {"regionCode":"150823","year":2024,"insuredCount":100000}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.missing[0]").value(Matchers.containsString("tier")))
                .andExpect(jsonPath("$.missing[0]").value(Matchers.containsString("150823")));
    }

    @Test
    void theApiIsDocumentedInOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/assessments/preview'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/policies/{regionCode}/{year}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/fiscal-split/preview'].post").exists());
    }
}
