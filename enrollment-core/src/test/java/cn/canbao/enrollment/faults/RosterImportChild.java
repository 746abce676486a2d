package cn.canbao.enrollment.faults;

import java.nio.file.Path;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.canbao.enrollment.roster.RosterImportService;
import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.testing.ChildBackends;

/** The child JVM of {@link RosterImportKillFaultTest}: runs one roster import against the given database. */
public final class RosterImportChild {

    private RosterImportChild() {
    }

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = context(args[0], ChildBackends.PROPERTY)) {
            context.getBean(RosterImportService.class).importNow(RosterImportKillFaultTest.IMPORTER,
                    RosterImportKillFaultTest.REQUEST, Path.of(args[1]));
        }
    }

    /** The enrollment module on an already running PostgreSQL (not the test build's fresh embedded one). */
    static ConfigurableApplicationContext context(String jdbcUrl, String... moreProperties) {
        return new SpringApplicationBuilder(EnrollmentTestConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
                        "spring.main.banner-mode=off")
                .properties(moreProperties)
                .run();
    }
}
