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
        assertThat(users.findByUsername(username).orElseThrow().secondFactorSecret()).isNull();
        mvc.perform(post("/account/second-factor").session(session).with(csrf()).param("code", codeNow(secret)))
                .andExpect(redirectedUrl("/account/second-factor?enabled"));
        assertThat(users.findByUsername(username).orElseThrow().secondFactorSecret()).isEqualTo(secret);

        MockHttpSession second = new MockHttpSession();
        mvc.perform(post("/login").session(second).with(csrf()).param("username", username).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(get("/").session(second)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(post("/login/second-factor").session(second).with(csrf()).param("code", wrongCode(secret)))
                .andExpect(status().isOk());
        mvc.perform(get("/").session(second)).andExpect(redirectedUrl("/login/second-factor"));
        mvc.perform(post("/login/second-factor").session(second).with(csrf()).param("code", codeNow(secret)))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(second)).andExpect(status().isOk());
    }

    @Test
    void programsSendTheCodeWithEveryBasicAuthenticatedCall() throws Exception {
        String secret = TotpCalculator.newSecret(new java.security.SecureRandom());
        tx.executeWithoutResult(s -> users.findByUsername(username).orElseThrow().enrollSecondFactor(secret));
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
