package cn.canbao.collection.faults;

import static cn.canbao.collection.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.Fixtures;
import cn.canbao.collection.TestDatabase;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;

/**
 * A payment file that turns out unreadable after its first rows (bytes of no encoding, a cell
 * longer than Excel allows) is refused with its line, writes nothing, and does not hang: the
 * import's COPY into the staging table is cancelled so its transaction can roll back, and the next
 * import works.
 */
@SpringBootTest(classes = CollectionTestConfiguration.class)
class PaymentImportBadFileTest {

    private static final String HEADER = "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码\n";

    @Autowired
    PaymentImportService imports;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        new TestDatabase(jdbc).clean();
    }

    private static String row(int person, String name) {
        return String.join(",", "BAD" + person, id(person), name, "400", "2025", "微信", "2024-10-08 09:30:00", Fixtures.HUAIYUAN_TAX,
                "340321") + "\n";
    }

    private PaymentImportReport importBytes(byte[] file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> imports.importFile(new ByteArrayInputStream(file), "bad.csv",
                List.of(), Fixtures.HUAIYUAN, "tester"));
    }

    @Test
    void undecodableBytesAfterTheFirstRowsRefuseTheFileWithTheirLineAndWriteNothing() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write((HEADER + row(1, "张三") + row(2, "李四")).getBytes(StandardCharsets.UTF_8));
        file.write(("BAD3," + id(3) + ",").getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        file.write(",400,2025,微信,2024-10-08 09:30:00,国家税务总局怀远县税务局,340321\n".getBytes(StandardCharsets.UTF_8));

        PaymentImportReport report = importBytes(file.toByteArray());

        assertThat(report.fileError()).hasValueSatisfying(reason -> assertThat(reason).contains("第4行").contains("UTF-8"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_record", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_import_batch", Long.class)).isZero();
        assertThat(importBytes((HEADER + row(1, "张三")).getBytes(StandardCharsets.UTF_8)).inserted()).isOne();
    }

    @Test
    void aCellLongerThanExcelAllowsRefusesTheFileNamingLineAndColumnAndWritesNothing() {
        String file = HEADER + row(1, "张三") + row(2, "长".repeat(40_000));

        PaymentImportReport report = importBytes(file.getBytes(StandardCharsets.UTF_8));

        assertThat(report.fileError()).hasValueSatisfying(reason -> assertThat(reason).contains("第3行“姓名”列").contains("32767"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_record", Long.class)).isZero();
        assertThat(importBytes((HEADER + row(1, "张三")).getBytes(StandardCharsets.UTF_8)).inserted()).isOne();
    }
}
