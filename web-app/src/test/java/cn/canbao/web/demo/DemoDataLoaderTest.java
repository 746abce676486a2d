package cn.canbao.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("demo")
class DemoDataLoaderTest {

    @Autowired
    DemoDataLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void demoDataIsFlaggedAndLoadingItAgainChangesNothing() {
        int regions = count("SELECT count(*) FROM region");
        int users = count("SELECT count(*) FROM app_user");

        loader.run(new DefaultApplicationArguments());

        assertThat(count("SELECT count(*) FROM region")).isEqualTo(regions);
        assertThat(count("SELECT count(*) FROM app_user")).isEqualTo(users);
        assertThat(jdbc.queryForList("SELECT username FROM app_user WHERE demo", String.class))
                .containsAll(DemoDataLoader.DEMO_USERS.stream().map(DemoDataLoader.DemoUser::username).toList());
        assertThat(count("SELECT count(*) FROM region WHERE level = 'VILLAGE' AND NOT demo")).isZero();
        assertThat(count("SELECT count(*) FROM region WHERE parent_code = '340321001000'")).isEqualTo(3);
    }

    @Test
    void passwordsAreStoredHashedNeverInClear() {
        assertThat(jdbc.queryForList("SELECT password_hash FROM app_user", String.class))
                .isNotEmpty()
                .allSatisfy(hash -> assertThat(hash).startsWith("{bcrypt}").doesNotContain(DemoDataLoader.DEMO_PASSWORD));
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
