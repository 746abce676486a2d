package cn.canbao.web.policy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.version.PolicyVersion;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.region.RegionCode;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class PolicyPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyVersionService policies;

    @Test
    @WithUserDetails("huaiyuan.staff")
    void theIndexListsTheRegionsAndYearsWithAPolicy() throws Exception {
        mvc.perform(get("/policies").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/policies/340321/2025")))
                .andExpect(content().string(Matchers.containsString("/policies/340321/2024")));
    }

    @Test
    @WithUserDetails("hailar.staff")
    void theBrowserShowsEachRuleWithItsSourceFileAndCitation() throws Exception {
        mvc.perform(get("/policies/150702/2025").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("个人缴费标准")))
                .andExpect(content().string(Matchers.containsString("150700-2025.yaml")))
                .andExpect(content().string(Matchers.containsString("呼医保发〔2024〕13号 二（一）")))
                .andExpect(content().string(Matchers.containsString("2025 年我市城乡居民基本医疗保险个人缴费标准统一为每人 400 元")))
                .andExpect(content().string(Matchers.containsString("继承")))
                .andExpect(content().string(Matchers.containsString("policy-files")));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void theDiffBetweenTwoYearsShowsTheChangedRules() throws Exception {
        mvc.perform(get("/policies/340321/2025/diff").param("otherYear", "2024").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("policy-diff")))
                .andExpect(content().string(Matchers.containsString("2024-01-01 – 2024-12-31")))
                .andExpect(content().string(Matchers.containsString("2025-01-01 – 2025-12-31")));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void aDiffWithoutVersionsOrYearIsABadRequest() throws Exception {
        mvc.perform(get("/policies/340321/2025/diff").accept(MediaType.TEXT_HTML))
                .andExpect(status().isBadRequest());
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void tryingAPersonShowsTheAssessmentWithItsCitations() throws Exception {
        mvc.perform(get("/policies/340321/2025/try").accept(MediaType.TEXT_HTML)
                        .param("birthDate", "2014-01-01").param("category", "STUDENT").param("identities", "ONLY_SON_FAMILY")
                        .param("familyRole", "SON").param("paymentDate", "2024-10-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("try-result")))
                .andExpect(content().string(Matchers.containsString("县财政 200.00")))
                .andExpect(content().string(Matchers.containsString("only-son-son")))
                .andExpect(content().string(Matchers.containsString("县财政补贴一半")));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void theEmptyTryFormShowsNoResult() throws Exception {
        mvc.perform(get("/policies/340321/2025/try").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("try-form")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("try-result"))));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void anotherRegionsPolicyPageIsRefused() throws Exception {
        mvc.perform(get("/policies/150702/2025").accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
    }

    @Test
    @WithUserDetails("wlqq.staff")
    void countyStaffSaveAChangeAsANewVersionWithTheirNameAndReason() throws Exception {
        String content = PolicyCatalog.readClasspathFiles().get("150823-2024.yaml") + "# reviewed by the banner bureau\n";
        mvc.perform(get("/policies/150823/2024/edit").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("乌政办发〔2023〕81号")));

        mvc.perform(post("/policies/150823/2024/edit").with(csrf()).param("content", content).param("reason", "annual review"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/policies/150823/2024"));

        PolicyVersion latest = policies.history(RegionCode.of("150823"), 2024).get(0);
        org.assertj.core.api.Assertions.assertThat(latest.createdBy()).isEqualTo("wlqq.staff");
        org.assertj.core.api.Assertions.assertThat(latest.createdRole()).isEqualTo("COUNTY_STAFF");
        org.assertj.core.api.Assertions.assertThat(latest.reason()).isEqualTo("annual review");
        org.assertj.core.api.Assertions.assertThat(latest.source()).isEqualTo(PolicyVersion.Source.USER);
        mvc.perform(get("/policies/150823/2024").accept(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString("annual review")));
    }

    @Test
    @WithUserDetails("wlqq.staff")
    void anInvalidChangeIsShownWithFileAndLineAndNothingIsStored() throws Exception {
        int before = policies.history(RegionCode.of("150823"), 2024).size();
        mvc.perform(post("/policies/150823/2024/edit").with(csrf())
                        .param("content", "region: \"150823\"\ncoverageYear: 2024\ntitle: x\npersonalStandard:\n  amount: \"400.00\"\n")
                        .param("reason", "broken"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("150823-2024.yaml:4")))
                .andExpect(content().string(Matchers.containsString("missing &#39;cite&#39;")));
        org.assertj.core.api.Assertions.assertThat(policies.history(RegionCode.of("150823"), 2024)).hasSize(before);
    }

    @Test
    @WithUserDetails("yinfeng.worker")
    void townshipWorkersCannotChangePolicies() throws Exception {
        mvc.perform(get("/policies/340321001000/2025/edit").accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
    }
}
