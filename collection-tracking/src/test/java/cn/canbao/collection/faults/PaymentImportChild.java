package cn.canbao.collection.faults;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.payment.PaymentImportService;
import cn.canbao.testing.ChildBackends;

/** The child JVM of {@link PaymentImportKillFaultTest}: imports one payment file into the given database. */
public final class PaymentImportChild {

    private PaymentImportChild() {
    }

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = context(args[0], ChildBackends.PROPERTY); InputStream in = Files.newInputStream(Path.of(args[1]))) {
            context.getBean(PaymentImportService.class).importFile(in, "税务缴费明细.csv", List.of(), PaymentImportKillFaultTest.HUAIYUAN,
                    "huaiyuan.staff");
        }
    }

    /** The collection module on an already running PostgreSQL (not the test build's fresh embedded one). */
    static ConfigurableApplicationContext context(String jdbcUrl, String... moreProperties) {
        return new SpringApplicationBuilder(CollectionTestConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres", "spring.main.banner-mode=off")
                .properties(moreProperties)
                .run();
    }
}
