package cn.canbao.web.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Hand-counted fixture, coverage year 2099 so no other test's data mixes in: 怀远县 targets 95%
 * (special population 99%), 80% of the task due by 2098-12-31. 引凤街道: base 100, paid 90; 望淮街道:
 * base 100, paid 40, special 5 of 10. On 2099-01-05 the task is 95 people and 76 are required:
 * 引凤 is on schedule, 望淮 is 36 short, and 3 short in the special population (8 required).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class DashboardTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void progressFixture() {
        jdbc.update("DELETE FROM collection_milestone WHERE coverage_year = 2099");
        jdbc.update("DELETE FROM collection_target WHERE coverage_year = 2099");
        jdbc.update("DELETE FROM progress_base WHERE coverage_year = 2099");
        jdbc.update("DELETE FROM progress_cumulative WHERE coverage_year = 2099");
        jdbc.update("INSERT INTO collection_target VALUES ('340321', 2099, 'PRIOR_YEAR_PLUS_NEW', 0.95, 0.99, '2098-09-01', 'test target')");
        jdbc.update("INSERT INTO collection_milestone VALUES ('340321', 2099, '2098-12-31', 0.8, 'test 80%'), ('340321', 2099, '2099-02-28', 1.0, 'test 100%')");
        base("340321", 200, 20);
        base("340321001000", 100, 10);
        base("340321002000", 100, 10);
        cumulative("340321", 145, 130, 15);
        cumulative("340321001000", 95, 90, 10);
        cumulative("340321002000", 50, 40, 5);
    }

    @Test
    @WithUserDetails("huaiyuan.supervisor")
    void aCountySupervisorSeesTheTownshipBehindScheduleRankedWithItsGap() throws Exception {
        mvc.perform(get("/dashboard").param("year", "2099").param("date", "2099-01-05"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("怀远县 2099年度参保缴费进度")))
                .andExpect(content().string(containsString("差 36 人（特殊人群差 3 人）")))
                .andExpect(content().string(containsString("/dashboard?region=340321002000")))
                .andExpect(content().string(containsString("\"paidRate\":[90.00,40.00")))
                .andExpect(content().string(containsString("65.00%")));
    }

    @Test
    @WithUserDetails("huaiyuan.supervisor")
    void beforeTheFirstMilestoneNobodyIsBehind() throws Exception {
        mvc.perform(get("/dashboard").param("year", "2099").param("date", "2098-12-30"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("暂无落后单位")))
                .andExpect(content().string(not(containsString("差 36 人"))));
    }

    @Test
    @WithUserDetails("yinfeng.worker")
    void aTownshipWorkerSeesTheirTownshipButNotTheCounty() throws Exception {
        mvc.perform(get("/dashboard").param("year", "2099").param("date", "2099-01-05"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("引凤街道 2099年度参保缴费进度")));
        mvc.perform(get("/dashboard").param("region", "340321").param("year", "2099"))
                .andExpect(status().isForbidden());
    }

    private void base(String region, long prior, long special) {
        jdbc.update("INSERT INTO progress_base (coverage_year, region_code, county_code, prior_year_enrolled, special_population) "
                + "VALUES (2099, ?, left(?, 6), ?, ?)", region, region, prior, special);
    }

    private void cumulative(String region, long enrolled, long paid, long specialPaid) {
        jdbc.update("INSERT INTO progress_cumulative (coverage_year, region_code, county_code, day, enrolled, newly_registered, paid, "
                + "special_enrolled, special_paid) VALUES (2099, ?, left(?, 6), '2098-12-01', ?, 0, ?, ?, ?)",
                region, region, enrolled, paid, specialPaid, specialPaid);
    }
}
