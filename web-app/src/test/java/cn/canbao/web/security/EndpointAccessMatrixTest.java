package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation matrix: every endpoint, every role, own and foreign region, from
 * {@code access-matrix.csv}. Adding an endpoint without a row in the matrix fails this test, so
 * nobody ships an endpoint whose access nobody decided.
 */
@SpringBootTest(properties = "canbao.security.login-attempts-per-minute=100000")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class EndpointAccessMatrixTest {

    private static final Map<String, String[]> ROLE_USERS = Map.of(
            // role -> username, own region, a foreign region
            "ADMIN", new String[] {"admin.ah", "340321", "150702"},
            "COUNTY_STAFF", new String[] {"huaiyuan.staff", "340321001000", "150702"},
            "TOWNSHIP_WORKER", new String[] {"yinfeng.worker", "340321001201", "340321002000"},
            "SUPERVISOR", new String[] {"huaiyuan.supervisor", "340321", "150702"},
            "ANONYMOUS", new String[] {null, "340321", "150702"});
    private static final List<String> ROLES = List.of("ADMIN", "COUNTY_STAFF", "TOWNSHIP_WORKER", "SUPERVISOR", "ANONYMOUS");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    UserDetailsService userDetails;

    @Test
    void everyMappedEndpointHasARowInTheMatrix() throws IOException {
        Set<String> inMatrix = new TreeSet<>();
        rows().forEach(row -> inMatrix.add(row.method() + " " + row.pattern()));
        Set<String> missing = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty()
                    ? Set.of("GET") : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;
                }
                methods.forEach(method -> {
                    if (!inMatrix.contains(method + " " + pattern)) {
                        missing.add(method + " " + pattern);
                    }
                });
            }
        }
        assertThat(missing).as("endpoints with no row in access-matrix.csv").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsTheDecidedAnswerOnOwnAndForeignData() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows()) {
            for (int r = 0; r < ROLES.size(); r++) {
                String role = ROLES.get(r);
                String[] expected = row.outcomes().get(r).split("\\|");
                String[] who = ROLE_USERS.get(role);
                tests.add(DynamicTest.dynamicTest(row.method() + " " + row.path() + " as " + role + " (own)",
                        () -> check(row, row.path(), who, expected[0])));
                if (!row.foreignPath().equals("-")) {
                    tests.add(DynamicTest.dynamicTest(row.method() + " " + row.foreignPath() + " as " + role + " (foreign)",
                            () -> check(row, row.foreignPath(), who, expected[1])));
                }
            }
        }
        return tests.stream();
    }

    private void check(Row row, String pathTemplate, String[] who, String expected) throws Exception {
        String path = pathTemplate.replace("{own}", who[1]).replace("{foreign}", who[2]);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(row.method()), path)
                .accept(path.startsWith("/api/") ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML)
                .with(csrf());
        if (!row.body().isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON).content(row.body().replace("{own}", who[1]).replace("{foreign}", who[2]));
        }
        if (who[0] != null) {
            request.with(user(userDetails.loadUserByUsername(who[0])));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        int status = response.getStatus();
        String redirect = response.getRedirectedUrl();
        switch (expected) {
            case "ok" -> assertThat(status).as(path).isNotIn(401, 403).isLessThan(500);
            case "denied" -> assertThat(status).as(path).isEqualTo(403);
            case "login" -> assertThat(status == 401 || (status == 302 && redirect != null && redirect.endsWith("/login")))
                    .as(path + " answered " + status + " " + redirect).isTrue();
            default -> throw new IllegalArgumentException("unknown outcome " + expected);
        }
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/access-matrix.csv"), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("method;")) {
                continue;
            }
            String[] f = line.split(";", -1);
            rows.add(new Row(f[0], f[1], f[2], f[3], List.of(f[4], f[5], f[6], f[7], f[8]), f[9]));
        }
        return rows;
    }

    record Row(String method, String pattern, String path, String foreignPath, List<String> outcomes, String body) {
    }
}
