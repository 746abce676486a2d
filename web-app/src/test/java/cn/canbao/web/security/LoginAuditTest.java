package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.audit.AuditLog;
import cn.canbao.audit.AuditQuery;
import cn.canbao.audit.AuditRecord;
import cn.canbao.audit.AuditResult;
import cn.canbao.region.RegionCode;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;
import cn.canbao.web.user.Role;

@SpringBootTest(properties = "canbao.security.login-attempts-per-minute=1000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class LoginAuditTest {

    private static final String PASSWORD = "Worker#2025x";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) CanbaoTest";

    @Autowired
    MockMvc mvc;

    @Autowired
    AppUserRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    AuditLog audit;

    private String username;

    @BeforeEach
    void worker() {
        username = "audited.worker." + System.nanoTime();
        tx.executeWithoutResult(s -> users.save(new AppUser(username, encoder.encode(PASSWORD), "乡镇经办",
                Role.TOWNSHIP_WORKER, RegionCode.of("340321001000"), false)));
    }

    @Test
    void aSuccessfulLoginAndTheLogoutAreAuditedWithAddressAndUserAgent() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).header("User-Agent", BROWSER)
                        .with(r -> { r.setRemoteAddr("198.51.100.7"); return r; })
                        .param("username", username).param("password", PASSWORD))
                .andExpect(redirectedUrl("/"));
        mvc.perform(post("/logout").session(session).with(csrf()).header("User-Agent", BROWSER));

        List<AuditRecord> rows = entriesOf(username);
        assertThat(rows).extracting(AuditRecord::action).containsExactly("LOGOUT", "LOGIN");
        assertThat(rows.get(1)).satisfies(login -> {
            assertThat(login.result()).isEqualTo(AuditResult.SUCCESS);
            assertThat(login.clientAddress()).isEqualTo("198.51.100.7");
            assertThat(login.regionCode()).isEqualTo("340321001000");
            assertThat(login.after()).contains("CanbaoTest");
        });
    }

    @Test
    void aWrongPasswordIsAuditedAsFailedAndTheFifthOneLocksTheNextTryWhichIsAuditedAsRejected() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).header("User-Agent", BROWSER).param("username", username).param("password", "wrong"));
        }
        mvc.perform(post("/login").with(csrf()).param("username", username).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login?locked"));

        List<AuditRecord> rows = entriesOf(username);
        assertThat(rows).extracting(AuditRecord::result).containsExactly(AuditResult.REJECTED, AuditResult.FAILED,
                AuditResult.FAILED, AuditResult.FAILED, AuditResult.FAILED, AuditResult.FAILED);
        assertThat(rows.get(1).detail()).isEqualTo("BadCredentialsException");
        assertThat(rows.get(0).detail()).isEqualTo("LockedException");
    }

    @Test
    void aLoginWithAnUnknownUsernameIsAuditedWithTheNameAsTyped() throws Exception {
        String typed = "nobody." + System.nanoTime();
        mvc.perform(post("/login").with(csrf()).header("User-Agent", BROWSER).param("username", typed).param("password", "x"))
                .andExpect(redirectedUrl("/login?error"));

        assertThat(entriesOf(typed)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("LOGIN");
            assertThat(row.result()).isEqualTo(AuditResult.FAILED);
            assertThat(row.regionCode()).isNull();
            assertThat(row.after()).contains("CanbaoTest").contains("form");
        });
    }

    @Test
    void aFailedHttpBasicLoginIsAuditedToo() throws Exception {
        mvc.perform(get("/api/v1/regions/340321001000").with(httpBasic(username, "wrong")));

        assertThat(entriesOf(username)).singleElement().satisfies(row -> {
            assertThat(row.result()).isEqualTo(AuditResult.FAILED);
            assertThat(row.after()).contains("http-basic");
        });
    }

    private List<AuditRecord> entriesOf(String name) {
        return audit.search(AuditQuery.all().withUsername(name), RegionCode.of("340000")).rows();
    }
}
