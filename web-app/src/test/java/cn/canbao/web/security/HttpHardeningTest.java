package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP-level protections of issue 9 item 7, each with a check that fails when it is switched off. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "canbao.security.login-attempts-per-minute=1000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@Import(HttpHardeningTest.FailingEndpoints.class)
class HttpHardeningTest {

    private static final String SQL = "SELECT password_hash FROM app_user WHERE username = 'admin'";

    @TestConfiguration
    @RestController
    static class FailingEndpoints {

        @GetMapping({"/hardening-test/sql-failure", "/api/hardening-test/sql-failure"})
        String sqlFailure() {
            throw new BadSqlGrammarException("reading users", SQL, new SQLException("relation \"app_user\" is broken"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Environment environment;

    @Autowired
    UserDetailsService userDetails;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aFailingSqlStatementShowsAnErrorPageWithoutSqlOrStackTrace() throws Exception {
        logIn("huaiyuan.staff", "Canbao@2025");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/hardening-test/sql-failure")).header("Accept", "text/html")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).doesNotContain("password_hash").doesNotContain("app_user").doesNotContain("SELECT")
                .doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aFailingSqlStatementAnswersTheApiWithoutSqlOrStackTrace() throws Exception {
        String basic = Base64.getEncoder().encodeToString("huaiyuan.staff:Canbao@2025".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(uri("/api/hardening-test/sql-failure"))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("password_hash").doesNotContain("SELECT").doesNotContain("trace")
                .doesNotContain("Exception");
    }

    @Test
    void pagesForbidInlineScriptsAndFramingAndSniffing() throws Exception {
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp).contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .contains("object-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
    }

    @Test
    void httpsResponsesCarryHsts() throws Exception {
        String hsts = mvc.perform(get("/login").secure(true)).andReturn().getResponse().getHeader("Strict-Transport-Security");

        assertThat(hsts).contains("max-age=").contains("includeSubDomains");
    }

    @Test
    void theSessionIdChangesAtLogin() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        String loginPage = client.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String before = sessionCookie(cookies);
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).isTrue();

        client.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=yinfeng.worker&password=" + enc("Canbao@2025") + "&_csrf="
                        + enc(token.group(1)))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(before).isNotNull();
        assertThat(sessionCookie(cookies)).isNotNull().isNotEqualTo(before);
    }

    private static String sessionCookie(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    @Test
    void sessionsExpireAfterTenIdleMinutesUnlessConfiguredOtherwise() {
        assertThat(environment.getProperty("server.servlet.session.timeout", Duration.class)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theRevealFormWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/personal-data/reveal").with(user(userDetails.loadUserByUsername("huaiyuan.staff")))
                        .param("reference", "x").param("reason", "y"))
                .andExpect(status().isForbidden());
    }

    private void logIn(String username, String password) throws IOException, InterruptedException {
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).isTrue();
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        browser.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
