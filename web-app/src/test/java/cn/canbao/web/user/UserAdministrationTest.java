package cn.canbao.web.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(properties = "canbao.security.login-attempts-per-minute=1000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class UserAdministrationTest {

    /** admin.ah is the demo ADMIN of 安徽省 (340000). */
    private static final String ADMIN = "admin.ah";

    @Autowired
    MockMvc mvc;

    @Autowired
    AppUserRepository users;

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void anAdminCreatesAUserWhoMustChooseTheirOwnPasswordAtFirstLogin() throws Exception {
        String username = unique("wang.worker");

        mvc.perform(create(username, "王小明", "TOWNSHIP_WORKER", "340321001000", "Start#2026x"))
                .andExpect(redirectedUrl("/users"));

        AppUser created = users.findByUsername(username).orElseThrow();
        assertThat(created.role()).isEqualTo(Role.TOWNSHIP_WORKER);
        assertThat(created.region().value()).isEqualTo("340321001000");
        assertThat(created.mustChangePassword()).isTrue();
        assertThat(created.passwordHash()).doesNotContain("Start#2026x");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'USER_CREATED' AND entity_id = ? AND username = ?",
                Long.class, username, ADMIN)).isEqualTo(1);
        mvc.perform(post("/login").param("username", username).param("password", "Start#2026x").with(csrf()))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").with(as(username))).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/users").with(as(ADMIN))).andExpect(content().string(Matchers.containsString(username)));
    }

    @Test
    void everyWrongFieldIsShownNextToItAndNothingIsCreated() throws Exception {
        long before = users.count();

        mvc.perform(create("X", " ", "TOWNSHIP_WORKER", "340321", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("id=\"username-error\""), Matchers.containsString("id=\"displayName-error\""),
                        Matchers.containsString("乡镇（村）工作人员须归属乡镇或村"), Matchers.containsString("新密码至少8位"))));

        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void aTakenUsernameAndARegionOutsideTheAdministratorsAreRefused() throws Exception {
        long before = users.count();

        mvc.perform(create("hailar.staff", "重名", "COUNTY_STAFF", "340321", "Start#2026x"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("该用户名已被使用")));
        mvc.perform(create(unique("hlbe.staff"), "外省", "COUNTY_STAFF", "150702", "Start#2026x"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("该区划不在您的管辖范围内")));
        mvc.perform(create(unique("nowhere"), "无此区划", "COUNTY_STAFF", "349999", "Start#2026x"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("没有这个区划代码")));

        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void anAdministratorCannotSwitchOffOrResetAUserOfAnotherRegion() throws Exception {
        AppUser foreign = users.findByUsername("hailar.staff").orElseThrow();
        String hash = foreign.passwordHash();

        mvc.perform(post("/users/{id}/enabled", foreign.id()).param("enabled", "false").with(as(ADMIN)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/users/{id}/password", foreign.id()).param("temporaryPassword", "Reset#2026x").with(as(ADMIN)).with(csrf()))
                .andExpect(status().isForbidden());

        AppUser after = users.findByUsername("hailar.staff").orElseThrow();
        assertThat(after.isEnabled()).isTrue();
        assertThat(after.passwordHash()).isEqualTo(hash);
    }

    @Test
    void aSwitchedOffUserCannotLogInAndAResetUnlocksWithATemporaryPasswordThatMustBeChanged() throws Exception {
        String username = unique("li.staff");
        mvc.perform(create(username, "李经办", "COUNTY_STAFF", "340321", "Start#2026x")).andExpect(redirectedUrl("/users"));
        long id = users.findByUsername(username).orElseThrow().id();

        mvc.perform(post("/users/{id}/enabled", id).param("enabled", "false").with(as(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/users"));
        mvc.perform(post("/login").param("username", username).param("password", "Start#2026x").with(csrf()))
                .andExpect(redirectedUrl("/login?error"));

        mvc.perform(post("/users/{id}/enabled", id).param("enabled", "true").with(as(ADMIN)).with(csrf()));
        tx.executeWithoutResult(s -> users.findByUsername(username).orElseThrow().recordFailedLogin(1, Instant.now().plusSeconds(300)));
        mvc.perform(post("/users/{id}/password", id).param("temporaryPassword", "weak").with(as(ADMIN)).with(csrf()));
        assertThat(users.findByUsername(username).orElseThrow().lockedUntil()).as("a refused reset changes nothing").isNotNull();

        mvc.perform(post("/users/{id}/password", id).param("temporaryPassword", "Reset#2026x").with(as(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/users"));

        AppUser reset = users.findByUsername(username).orElseThrow();
        assertThat(reset.lockedUntil()).isNull();
        assertThat(reset.mustChangePassword()).isTrue();
        mvc.perform(post("/login").param("username", username).param("password", "Reset#2026x").with(csrf()))
                .andExpect(redirectedUrl("/"));
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id", String.class, username))
                .containsSubsequence("USER_CREATED", "USER_DISABLED", "USER_ENABLED", "USER_PASSWORD_RESET");
    }

    @Test
    void anAdministratorCannotSwitchOffTheirOwnAccount() throws Exception {
        AppUser self = users.findByUsername(ADMIN).orElseThrow();

        mvc.perform(post("/users/{id}/enabled", self.id()).param("enabled", "false").with(as(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/users"));

        assertThat(users.findByUsername(ADMIN).orElseThrow().isEnabled()).isTrue();
    }

    private MockHttpServletRequestBuilder create(String username, String displayName, String role, String region, String password) {
        return post("/users").param("username", username).param("displayName", displayName).param("role", role)
                .param("regionCode", region).param("initialPassword", password).with(as(ADMIN)).with(csrf());
    }

    private RequestPostProcessor as(String username) {
        return user(userDetails.loadUserByUsername(username));
    }

    private static String unique(String base) {
        return base + "." + Long.toString(System.nanoTime(), 36);
    }
}
