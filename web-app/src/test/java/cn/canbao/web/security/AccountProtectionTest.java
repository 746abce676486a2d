package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.region.RegionCode;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;
import cn.canbao.web.user.Role;

@SpringBootTest(properties = "canbao.security.login-attempts-per-minute=1000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class AccountProtectionTest {

    private static final String START_PASSWORD = "Start#2025x";

    @Autowired
    MockMvc mvc;

    @Autowired
    AppUserRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    UserDetailsService userDetails;

    private String username;

    @BeforeEach
    void newUserWhoMustChangeTheirPassword() {
        username = "new.worker." + System.nanoTime();
        tx.executeWithoutResult(status -> {
            AppUser user = new AppUser(username, encoder.encode(START_PASSWORD), "新工作人员", Role.TOWNSHIP_WORKER,
                    RegionCode.of("340321001000"), false);
            user.requirePasswordChange();
            users.save(user);
        });
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").param("username", username).param("password", "wrong" + i).with(csrf()))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(post("/login").param("username", username).param("password", START_PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/login?locked"));
        mvc.perform(get("/api/v1/regions/340321001000").with(httpBasic(username, START_PASSWORD)))
                .andExpect(status().isUnauthorized());
        assertThat(users.findByUsername(username).orElseThrow().lockedUntil()).isNotNull();
    }

    @Test
    void fourWrongPasswordsThenTheRightOneResetsTheCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/login").param("username", username).param("password", "wrong").with(csrf()));
        }
        mvc.perform(post("/login").param("username", username).param("password", START_PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/"));
        assertThat(users.findByUsername(username).orElseThrow().failedLogins()).isZero();
    }

    @Test
    void aCreatedUserMustChangeThePasswordBeforeDoingAnythingElse() throws Exception {
        mvc.perform(get("/").with(httpBasicSession()))
                .andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/api/v1/regions/340321001000").with(httpBasic(username, START_PASSWORD)))
                .andExpect(status().isForbidden());

        mvc.perform(post("/account/password").with(httpBasicSession()).with(csrf())
                        .param("currentPassword", START_PASSWORD).param("newPassword", "short").param("confirmPassword", "short"))
                .andExpect(status().isOk());
        assertThat(users.findByUsername(username).orElseThrow().mustChangePassword()).isTrue();

        mvc.perform(post("/account/password").with(httpBasicSession()).with(csrf())
                        .param("currentPassword", START_PASSWORD).param("newPassword", "Better#2026").param("confirmPassword", "Better#2026"))
                .andExpect(redirectedUrl("/account/password?changed"));
        assertThat(users.findByUsername(username).orElseThrow().mustChangePassword()).isFalse();
        mvc.perform(get("/api/v1/regions/340321001000").with(httpBasic(username, "Better#2026")))
                .andExpect(status().isOk());
    }

    private RequestPostProcessor httpBasicSession() {
        return user(userDetails.loadUserByUsername(username));
    }
}
