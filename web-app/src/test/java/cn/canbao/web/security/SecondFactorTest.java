package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.region.RegionCode;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;
import cn.canbao.web.user.Role;

@SpringBootTest(properties = "canbao.security.login-attempts-per-minute=1000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class SecondFactorTest {

    private static final String PASSWORD = "County#2025x";

    @Autowired
    MockMvc mvc;

    @Autowired
    AppUserRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    SecondFactorCodes codes;

    @Autowired
    JdbcClient jdbc;

    private String username;

    @BeforeEach
    void countyStaffMember() {
        username = "county.staff." + System.nanoTime();
        tx.executeWithoutResult(s -> users.save(new AppUser(username, encoder.encode(PASSWORD), "县医保局经办",
                Role.COUNTY_STAFF, RegionCode.of("340321"), false)));
    }

    @Test
    void afterEnrolmentTheLoginAsksForTheCodeAndNothingElseOpensUntilItIsRight() throws Exception {
        MockHttpSession session = logIn();
        mvc.perform(get("/account/second-factor").session(session)).andExpect(status().isOk());
        String secret = (String) session.getAttribute("canbao.newTotpSecret");
        assertThat(secret).isNotBlank();
        mvc.perform(post("/account/second-factor").session(session).with(csrf()).param("code", "000000"))
                .andExpect(status().isOk());
        assertThat(users.findByUsername(username).orElseThrow().hasSecondFactor()).isFalse();
        Instant enrolledAt = Instant.now();
        String enrolmentCode = TotpCalculator.codeAt(secret, enrolledAt);
        mvc.perform(post("/account/second-factor").session(session).with(csrf()).param("code", enrolmentCode))
                .andExpect(redirectedUrl("/account/second-factor?enabled"));
        String stored = users.findByUsername(username).orElseThrow().encryptedSecondFactorSecret();
        assertThat(stored).startsWith("gcm1:").doesNotContain(secret);

        MockHttpSession second = new MockHttpSession();
        mvc.perform(post("/login").session(second).with(csrf()).param("username", username).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(get("/").session(second)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(post("/login/second-factor").session(second).with(csrf()).param("code", wrongCode(secret)))
                .andExpect(status().isOk());
        mvc.perform(get("/").session(second)).andExpect(redirectedUrl("/login/second-factor"));
        // the enrolment spent the current code; the next step's code is within the allowed drift
        mvc.perform(post("/login/second-factor").session(second).with(csrf()).param("code", enrolmentCode))
                .andExpect(status().isOk());
        mvc.perform(post("/login/second-factor").session(second).with(csrf())
                        .param("code", TotpCalculator.codeAt(secret, enrolledAt.plusSeconds(30))))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(second)).andExpect(status().isOk());
    }

    @Test
    void programsSendTheCodeWithEveryBasicAuthenticatedCall() throws Exception {
        String secret = TotpCalculator.newSecret(new java.security.SecureRandom());
        enroll(secret);
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic(username, PASSWORD)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic(username, PASSWORD)).header(SecondFactor.CODE_HEADER, codeNow(secret)))
                .andExpect(status().isOk());
    }

    @Test
    void townshipWorkersAreNotOfferedTheSecondFactor() throws Exception {
        MvcResult login = mvc.perform(post("/login").with(csrf()).param("username", "yinfeng.worker").param("password", "Canbao@2025"))
                .andReturn();
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
        mvc.perform(get("/account/second-factor").session(session)).andExpect(status().isForbidden());
    }

    @Test
    void aCodeAcceptedOnceIsRefusedWhenReplayedWithinItsWindow() throws Exception {
        String secret = TotpCalculator.newSecret(new java.security.SecureRandom());
        enroll(secret);
        String code = codeNow(secret);
        MockHttpSession first = passwordStep();
        mvc.perform(post("/login/second-factor").session(first).with(csrf()).param("code", code))
                .andExpect(redirectedUrl("/"));

        MockHttpSession replay = passwordStep();
        mvc.perform(post("/login/second-factor").session(replay).with(csrf()).param("code", code))
                .andExpect(status().isOk());
        mvc.perform(get("/").session(replay)).andExpect(redirectedUrl("/login/second-factor"));
        assertThat(users.findByUsername(username).orElseThrow().failedLogins()).isEqualTo(1);
    }

    @Test
    void anOlderCodeThanTheLastOneAcceptedIsRefusedForProgramsToo() throws Exception {
        String secret = TotpCalculator.newSecret(new java.security.SecureRandom());
        enroll(secret);
        Instant now = Instant.now();
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic(username, PASSWORD))
                        .header(SecondFactor.CODE_HEADER, TotpCalculator.codeAt(secret, now)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic(username, PASSWORD))
                        .header(SecondFactor.CODE_HEADER, TotpCalculator.codeAt(secret, now.minusSeconds(30))))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aSecretStillStoredInClearIsEncryptedAtStartUpAndKeepsWorking() throws Exception {
        String secret = TotpCalculator.newSecret(new java.security.SecureRandom());
        jdbc.sql("UPDATE app_user SET totp_secret = :s WHERE username = :u").param("s", secret).param("u", username).update();

        codes.run(null);

        assertThat(users.findByUsername(username).orElseThrow().encryptedSecondFactorSecret()).startsWith("gcm1:");
        mvc.perform(get("/api/v1/regions/340321").with(httpBasic(username, PASSWORD)).header(SecondFactor.CODE_HEADER, codeNow(secret)))
                .andExpect(status().isOk());
    }

    private void enroll(String secret) {
        tx.executeWithoutResult(s -> codes.enroll(users.findByUsername(username).orElseThrow(), secret, 0));
    }

    private MockHttpSession passwordStep() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("username", username).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login/second-factor"));
        return session;
    }

    private MockHttpSession logIn() throws Exception {
        MvcResult login = mvc.perform(post("/login").with(csrf()).param("username", username).param("password", PASSWORD))
                .andExpect(redirectedUrl("/")).andReturn();
        return (MockHttpSession) login.getRequest().getSession();
    }

    private static String codeNow(String secret) {
        return TotpCalculator.codeAt(secret, Instant.now());
    }

    private static String wrongCode(String secret) {
        String right = codeNow(secret);
        return right.equals("123456") ? "654321" : "123456";
    }
}
