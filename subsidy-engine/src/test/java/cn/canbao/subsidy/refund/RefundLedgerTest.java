package cn.canbao.subsidy.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;

class RefundLedgerTest {

    private static final String CITE = "怀远县2025年度居民医保参保缴费工作方案 二（三）";
    private static final String LIUCHENG = "340321100000";
    private static final String BAOJI = "340321101000";
    private static final LocalDate TODAY = LocalDate.of(2025, 1, 20);

    private static RefundClaim claim(long enrollment, String township, String yuan, boolean paid) {
        return new RefundClaim(enrollment, 2025, township, Funder.COUNTY_FINANCE, Money.parse(yuan), "entitled-veteran", CITE, paid);
    }

    private static LedgerEntry owed(long id, RefundClaim claim) {
        return new LedgerEntry(id, claim.key(), 2025, claim.townshipCode(), claim.amount(), LedgerStatus.OWED, null, null, null,
                claim.ruleId(), claim.citation());
    }

    @Test
    void nothingIsOwedBeforeThePersonHasPaidTheFullStandard() {
        LedgerChanges changes = RefundLedger.reconcile(List.of(claim(1, LIUCHENG, "400.00", false)), List.of());
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void afterPaymentEachClaimOpensOneEntryAndTheTownshipTotalsAddUp() {
        RefundClaim veteran = claim(1, LIUCHENG, "400.00", true);
        RefundClaim onlySonParent = claim(2, LIUCHENG, "200.00", true);
        RefundClaim otherTownship = claim(3, BAOJI, "400.00", true);
        LedgerChanges changes = RefundLedger.reconcile(List.of(veteran, onlySonParent, otherTownship), List.of());
        assertThat(changes.toOpen()).containsExactly(veteran, onlySonParent, otherTownship);

        List<LedgerEntry> ledger = List.of(owed(10, veteran), owed(11, onlySonParent), owed(12, otherTownship));
        assertThat(RefundLedger.byTownship(ledger)).containsEntry(LIUCHENG,
                new TownshipRefunds(LIUCHENG, 2, Money.parse("600.00"), 0, Money.ZERO));
        assertThat(RefundLedger.reconcile(List.of(veteran, onlySonParent, otherTownship), ledger).isEmpty()).isTrue();
    }

    @Test
    void aRefundIsNeverPaidTwice() {
        LedgerEntry entry = owed(10, claim(1, LIUCHENG, "400.00", true));
        PaymentDecision first = RefundLedger.markPaid(entry, Money.parse("400.00"), TODAY, "clerk", TODAY);
        assertThat(first.accepted()).isTrue();
        assertThat(first.entry().status()).isEqualTo(LedgerStatus.PAID);

        PaymentDecision second = RefundLedger.markPaid(first.entry(), Money.parse("400.00"), TODAY, "clerk", TODAY);
        assertThat(second.accepted()).isFalse();
        assertThat(second.rejection()).isEqualTo(PaymentDecision.Rejection.ALREADY_PAID);
        assertThat(second.message()).contains("already paid").contains("400.00").contains("2025-01-20");
    }

    @Test
    void aPaymentOfAnotherAmountOrInTheFutureIsRefused() {
        LedgerEntry entry = owed(10, claim(1, LIUCHENG, "200.00", true));
        assertThat(RefundLedger.markPaid(entry, Money.parse("400.00"), TODAY, "clerk", TODAY).rejection())
                .isEqualTo(PaymentDecision.Rejection.AMOUNT_DIFFERS);
        assertThat(RefundLedger.markPaid(entry, Money.parse("200.00"), TODAY.plusDays(1), "clerk", TODAY).rejection())
                .isEqualTo(PaymentDecision.Rejection.DATE_IN_FUTURE);
    }

    @Test
    void aReassessmentAdjustsUnpaidEntriesButOnlyReportsPaidOnes() {
        RefundClaim half = claim(1, LIUCHENG, "200.00", true);
        RefundClaim full = claim(2, LIUCHENG, "400.00", true);
        LedgerEntry unpaid = owed(10, half);
        LedgerEntry paid = RefundLedger.markPaid(owed(11, full), Money.parse("400.00"), TODAY, "clerk", TODAY).entry();
        LedgerEntry noLongerOwed = owed(12, claim(3, BAOJI, "400.00", true));

        LedgerChanges changes = RefundLedger.reconcile(List.of(claim(1, LIUCHENG, "400.00", true), claim(2, LIUCHENG, "200.00", true)),
                List.of(unpaid, paid, noLongerOwed));

        assertThat(changes.toOpen()).isEmpty();
        assertThat(changes.toAdjust()).containsExactly(new LedgerChanges.Adjustment(unpaid, Money.parse("400.00")));
        assertThat(changes.toCancel()).containsExactly(noLongerOwed);
        assertThat(changes.discrepancies()).hasSize(1);
        assertThat(changes.discrepancies().get(0).difference()).isEqualTo(Money.parse("-200.00"));
    }
}
