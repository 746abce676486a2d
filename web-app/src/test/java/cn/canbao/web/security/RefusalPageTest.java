package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Through a real server, so the servlet container's error dispatch renders the refusal page. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class RefusalPageTest {

    @LocalServerPort
    int port;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aTownshipWorkerWhoEditsTheUrlToAnotherTownshipSeesARefusalPageInChinese() throws Exception {
        logIn("yinfeng.worker", "Canbao@2025");

        HttpResponse<String> own = open("/regions/340321001000");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("引凤街道");

        HttpResponse<String> foreign = open("/regions/340321002000");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("无权访问").doesNotContain("望淮街道演示");
    }

    @Test
    void errorPagesShowNoStackTrace() throws Exception {
        logIn("yinfeng.worker", "Canbao@2025");
        HttpResponse<String> missing = open("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("未找到").doesNotContain("Exception").doesNotContain("at org.");
    }

    private void logIn(String username, String password) throws IOException, InterruptedException {
        String loginPage = open("/login").body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).as("login form carries a CSRF token").isTrue();
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    private HttpResponse<String> open(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
