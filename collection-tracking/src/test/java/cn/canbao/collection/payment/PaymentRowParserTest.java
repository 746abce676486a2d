package cn.canbao.collection.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;

import cn.canbao.collection.Fixtures;
import cn.canbao.money.Money;
import org.junit.jupiter.api.Test;

class PaymentRowParserTest {

    private static Map<PaymentField, String> row() {
        Map<PaymentField, String> row = new EnumMap<>(PaymentField.class);
        row.put(PaymentField.TRANSACTION_ID, "T1");
        row.put(PaymentField.ID_NUMBER, Fixtures.id(1).toLowerCase());
        row.put(PaymentField.NAME, "张三");
        row.put(PaymentField.AMOUNT, "400.00");
        row.put(PaymentField.COVERAGE_YEAR, "2025");
        row.put(PaymentField.CHANNEL, "皖事通");
        row.put(PaymentField.PAID_AT, "2024/10/01 08:15:00");
        row.put(PaymentField.COLLECTING_UNIT, "国家税务总局怀远县税务局");
        row.put(PaymentField.COLLECTING_REGION, "340321");
        return row;
    }

    @Test
    void aCompleteRowBecomesAPaymentWithChineseChannelAndDefaultKind() {
        PaymentRowParser.Outcome outcome = PaymentRowParser.parse(2, row());

        assertThat(outcome.errors()).isEmpty();
        TaxPaymentRecord record = outcome.record().orElseThrow();
        assertThat(record.channel()).isEqualTo(Channel.WANSHITONG);
        assertThat(record.kind()).isEqualTo(PaymentKind.PAYMENT);
        assertThat(record.amount()).isEqualTo(Money.ofYuan(400));
        assertThat(record.paidAt()).isEqualTo(LocalDateTime.of(2024, 10, 1, 8, 15));
        assertThat(record.idNumber()).isEqualTo(Fixtures.id(1));
    }

    @Test
    void everyBadFieldOfARowIsReportedWithLineFieldAndReason() {
        Map<PaymentField, String> row = row();
        row.put(PaymentField.ID_NUMBER, "34032119800101000A");
        row.put(PaymentField.AMOUNT, "400.005");
        row.put(PaymentField.CHANNEL, "现金");
        row.remove(PaymentField.NAME);

        PaymentRowParser.Outcome outcome = PaymentRowParser.parse(7, row);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.errors()).extracting(RowError::line).containsOnly(7L);
        assertThat(outcome.errors()).extracting(RowError::field).containsExactly("证件号码", "姓名", "金额", "缴费渠道");
        assertThat(outcome.errors().get(3).reason()).contains("现金");
    }

    @Test
    void aReversalWithoutTheTransactionItReversesIsRejected() {
        Map<PaymentField, String> row = row();
        row.put(PaymentField.KIND, "冲正");

        assertThat(PaymentRowParser.parse(3, row).errors()).extracting(RowError::field).containsExactly("原交易流水号");
    }

    @Test
    void aZeroAmountIsRejectedBecauseTheKindCarriesTheDirection() {
        Map<PaymentField, String> row = row();
        row.put(PaymentField.AMOUNT, "0");

        assertThat(PaymentRowParser.parse(3, row).errors()).extracting(RowError::field).containsExactly("金额");
    }

    @Test
    void theIdNumberChecksumIsVerified() {
        assertThat(IdNumbers.problem(Fixtures.id(42))).isEmpty();
        String wrong = Fixtures.id(42).substring(0, 17) + (Fixtures.id(42).endsWith("1") ? "2" : "1");
        assertThat(IdNumbers.problem(wrong)).hasValueSatisfying(p -> assertThat(p).contains("校验位"));
    }
}
