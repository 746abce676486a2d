package cn.canbao.web.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class RegionScopedAccessTest {

    private static final String PASSWORD = "Canbao@2025";

    @Autowired
    MockMvc mvc;

    @Test
    void aTownshipWorkerReadsTheirOwnTownshipOverTheApi() throws Exception {
        mvc.perform(get("/api/v1/regions/340321001000").with(httpBasic("yinfeng.worker", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("引凤街道"))
                .andExpect(jsonPath("$.children.length()").value(3));
    }

    @Test
    void aTownshipWorkerGets403ForAnotherTownshipOverTheApi() throws Exception {
        mvc.perform(get("/api/v1/regions/340321002000").with(httpBasic("yinfeng.worker", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aTownshipWorkerGets403ForTheirCountyAboveThem() throws Exception {
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic("yinfeng.worker", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    @WithUserDetails("yinfeng.worker")
    void aTownshipWorkerIsRefusedAnotherTownshipsPage() throws Exception {
        mvc.perform(get("/regions/340321002000").accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
    }

    @Test
    void countyStaffSeeEveryTownshipOfTheirCounty() throws Exception {
        mvc.perform(get("/api/v1/regions/340321002000").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/regions/150702").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theApiAsksForCredentialsInsteadOfRedirecting() throws Exception {
        mvc.perform(get("/api/v1/regions/340321"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"));
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic("yinfeng.worker", "wrong")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void pagesSendAnonymousVisitorsToTheLoginPage() throws Exception {
        mvc.perform(get("/regions/340321").accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void aSupervisorMayReadButNotChange() throws Exception {
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic("huaiyuan.supervisor", PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/regions/340321").with(httpBasic("huaiyuan.supervisor", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void formLoginWithTheRightPasswordOpensTheHomePage() throws Exception {
        mvc.perform(post("/login").param("username", "yinfeng.worker").param("password", PASSWORD).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/"));
        mvc.perform(post("/login").param("username", "yinfeng.worker").param("password", "nope").with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/login").param("username", "yinfeng.worker").param("password", PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void aMalformedRegionCodeIsABadRequestThatSaysWhy() throws Exception {
        mvc.perform(get("/api/v1/regions/34A321").with(httpBasic("admin.ah", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("a region code is 6 or 12 digits: 34A321"));
    }
}
