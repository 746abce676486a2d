package cn.canbao.web.home;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class HomePageTest {

    @Autowired
    MockMvc mvc;

    @Test
    @WithUserDetails("yinfeng.worker")
    void aTownshipWorkerLandsOnTheirVillagesInChinese() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(view().name("home/township"))
                .andExpect(content().string(containsString("我的村（社区）")))
                .andExpect(content().string(containsString("引凤街道演示一村")));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void countyStaffLandOnTheirWorkAndTheTownshipsOfTheirCounty() throws Exception {
        mvc.perform(get("/"))
                .andExpect(view().name("home/county"))
                .andExpect(content().string(containsString("龙亢农场")));
    }

    @Test
    @WithUserDetails("hlbe.supervisor")
    void aSupervisorLandsOnTheUnitsBelowThem() throws Exception {
        mvc.perform(get("/"))
                .andExpect(view().name("home/supervisor"))
                .andExpect(content().string(containsString("满洲里市")));
    }

    @Test
    @WithUserDetails("admin")
    void theEnglishBundleIsOneParameterAway() throws Exception {
        mvc.perform(get("/").param("lang", "en"))
                .andExpect(view().name("home/admin"))
                .andExpect(content().string(containsString("Policy versions")));
    }
}
