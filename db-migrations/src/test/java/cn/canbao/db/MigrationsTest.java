package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(classes = MigrationsTest.Config.class)
class MigrationsTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Config {
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSeedRegionsAreLoadedWithTheirHierarchy() {
        assertThat(jdbc.queryForObject("SELECT name FROM region WHERE code = '150781'", String.class)).isEqualTo("满洲里市");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM region WHERE parent_code = '150700'", Integer.class)).isEqualTo(14);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM region WHERE parent_code = '340321' AND level = 'TOWNSHIP'", Integer.class))
                .isEqualTo(22);
        assertThat(jdbc.queryForObject("SELECT parent_code FROM region WHERE code = '150823'", String.class)).isEqualTo("150800");
    }

    @Test
    void aRegionBelowTheProvinceMustHaveAParent() {
        assertThatThrownBy(() -> jdbc.update("INSERT INTO region (code, name, level) VALUES ('150799', 'x', 'COUNTY')"))
                .hasMessageContaining("region_root_has_no_parent");
    }
}
