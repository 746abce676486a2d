package cn.canbao.collection.reconciliation;

import static cn.canbao.collection.Fixtures.HUAIYUAN_TAX;
import static cn.canbao.collection.Fixtures.payment;
import static cn.canbao.collection.Fixtures.refund;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.money.Money;
import org.junit.jupiter.api.Test;

class ControlTotalCheckTest {

    private final List<TaxPaymentRecord> records = List.of(payment("T1", 1, "400"), payment("T2", 2, "400"), refund("F1", 2, "400"),
            payment("T3", 3, "200", cn.canbao.collection.Fixtures.HUAIYUAN, Channel.ALIPAY));

    @Test
    void totalsThatMatchTheRecordsBalanceLedgersAndFunds() {
        List<BalanceLine> lines = ControlTotalCheck.balance(records, List.of(
                new ControlTotal(HUAIYUAN_TAX, Channel.WECHAT, 3, Money.ofYuan(400), Optional.of(Money.ofYuan(400))),
                new ControlTotal(HUAIYUAN_TAX, Channel.ALIPAY, 1, Money.ofYuan(200), Optional.empty())));

        assertThat(lines).hasSize(2).allMatch(BalanceLine::balanced);
        assertThat(lines).filteredOn(l -> l.channel() == Channel.WECHAT).singleElement()
                .satisfies(l -> assertThat(l.fundsAgree()).contains(true));
        assertThat(lines).filteredOn(l -> l.channel() == Channel.ALIPAY).singleElement()
                .satisfies(l -> assertThat(l.fundsAgree()).isEmpty());
    }

    @Test
    void aLedgerThatAgreesWithTheRecordsButNotWithTheMoneyReceivedIsAFundsDifference() {
        List<BalanceLine> lines = ControlTotalCheck.balance(records, List.of(
                new ControlTotal(HUAIYUAN_TAX, Channel.WECHAT, 3, Money.ofYuan(400), Optional.of(Money.ofYuan(390))),
                new ControlTotal(HUAIYUAN_TAX, Channel.ALIPAY, 1, Money.ofYuan(200), Optional.empty())));

        BalanceLine wechat = lines.stream().filter(l -> l.channel() == Channel.WECHAT).findFirst().orElseThrow();
        assertThat(wechat.ledgersAgree()).isTrue();
        assertThat(wechat.fundsAgree()).contains(false);
        assertThat(wechat.balanced()).isFalse();
    }

    @Test
    void aWrongCountAChannelWithoutTotalsAndTotalsWithoutRecordsAllFailToBalance() {
        List<BalanceLine> lines = ControlTotalCheck.balance(records, List.of(
                new ControlTotal(HUAIYUAN_TAX, Channel.WECHAT, 2, Money.ofYuan(400), Optional.empty()),
                new ControlTotal(HUAIYUAN_TAX, Channel.SCHOOL, 5, Money.ofYuan(2000), Optional.empty())));

        assertThat(lines).extracting(BalanceLine::channel).containsExactly(Channel.WECHAT, Channel.ALIPAY, Channel.SCHOOL);
        assertThat(lines).noneMatch(BalanceLine::balanced);
        assertThat(lines.get(1).control()).isEmpty();
        assertThat(lines.get(2).recordCount()).isZero();
    }
}
