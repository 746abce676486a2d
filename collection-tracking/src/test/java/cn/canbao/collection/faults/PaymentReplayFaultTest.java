package cn.canbao.collection.faults;

import static cn.canbao.collection.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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
 * A payment file replayed three times gives the same ledger: the same bytes are recognised as
 * the same file, and the same rows in other bytes (reordered, another header spelling, a BOM) are
 * recognised row by row, so nothing is counted twice and nothing is lost.
 */
@SpringBootTest(classes = CollectionTestConfiguration.class)
class PaymentReplayFaultTest {

    private static final String HEADER = Fixtures.PAYMENT_FILE_HEADER;

    @Autowired
    PaymentImportService imports;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        new TestDatabase(jdbc).clean();
    }

    private static List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            rows.add(String.join(",", "RP" + i, id(i), "居民" + i, i % 3 == 0 ? "200" : "400", "2025", i % 2 == 0 ? "微信" : "支付宝",
                    "2024-10-08 09:30:00", Fixtures.HUAIYUAN_TAX, "340321", "", "") + "\n");
        }
        rows.add(String.join(",", "RP-R1", id(1), "居民1", "400", "2025", "支付宝", "2024-10-09 09:30:00", Fixtures.HUAIYUAN_TAX, "340321",
                "冲正", "RP1") + "\n");
        return rows;
    }

    private PaymentImportReport replay(String file) {
        return imports.importFile(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "payments.csv", List.of(),
                Fixtures.HUAIYUAN, "tester");
    }

    /** Every ledger row in a fixed order, with everything that makes it what it is. */
    private List<String> ledger() {
        return jdbc.queryForList("SELECT concat_ws('|', transaction_id, coverage_year, id_number, amount_fen, channel, kind, "
                + "reverses, paid_at) FROM payment_record ORDER BY transaction_id", String.class);
    }

    @Test
    void aPaymentFileReplayedThreeTimesGivesTheSameLedger() {
        String file = HEADER + String.join("", rows());
        PaymentImportReport first = replay(file);
        List<String> afterFirst = ledger();

        PaymentImportReport second = replay(file);
        PaymentImportReport third = replay(file);

        assertThat(first.inserted()).isEqualTo(301);
        assertThat(afterFirst).hasSize(301);
        assertThat(List.of(second, third)).allSatisfy(replayed -> {
            assertThat(replayed.inserted()).isZero();
            assertThat(replayed.sameFileAsBatch()).isEqualTo(first.batchId());
        });
        assertThat(ledger()).isEqualTo(afterFirst);
        assertThat(jdbc.queryForObject("SELECT sum(amount_fen) FROM payment_record WHERE kind = 'PAYMENT'", Long.class))
                .isEqualTo(100 * 20_000L + 200 * 40_000L);
    }

    @Test
    void theSameRowsReplayedInOtherBytesThreeTimesGiveTheSameLedger() {
        replay(HEADER + String.join("", rows()));
        List<String> afterFirst = ledger();

        List<String> reordered = new ArrayList<>(rows());
        Collections.reverse(reordered);
        PaymentImportReport reversed = replay(HEADER + String.join("", reordered));
        PaymentImportReport englishHeaders = replay("transaction_id,id_number,name,amount,coverage_year,channel,paid_at,collecting_unit,"
                + "collecting_region,kind,reverses\n" + String.join("", rows()));
        PaymentImportReport withBom = replay("\uFEFF" + HEADER + String.join("", rows()).replace("\n", "\r\n"));

        assertThat(List.of(reversed, englishHeaders, withBom)).allSatisfy(replayed -> {
            assertThat(replayed.fileError()).isEmpty();
            assertThat(replayed.inserted()).isZero();
            assertThat(replayed.alreadyPresent()).isEqualTo(301);
            assertThat(replayed.rejected()).isZero();
        });
        assertThat(ledger()).isEqualTo(afterFirst);
    }
}
