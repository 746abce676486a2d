package cn.canbao.collection.reconciliation;

import static cn.canbao.collection.Fixtures.BAOJI_VILLAGE;
import static cn.canbao.collection.Fixtures.HAILAR;
import static cn.canbao.collection.Fixtures.RONGCHENG_VILLAGE;
import static cn.canbao.collection.Fixtures.id;
import static cn.canbao.collection.Fixtures.payment;
import static cn.canbao.collection.Fixtures.refund;
import static cn.canbao.collection.Fixtures.reversal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static AssessedEnrollment assessed(int person, String yuan) {
        return AssessedEnrollment.assessed(id(person), "居民" + person, 2025, RONGCHENG_VILLAGE, Money.parse(yuan));
    }

    private static List<Difference> differencesOf(List<AssessedEnrollment> enrollments, List<TaxPaymentRecord> records) {
        List<Difference> found = new ArrayList<>();
        Reconciler.reconcile(enrollments, records, outcome -> found.addAll(outcome.differences()));
        return found;
    }

    @Test
    void aPersonWhoPaidExactlyTheAssessedAmountAgreesAndCountsAsPaid() {
        List<PersonOutcome> outcomes = new ArrayList<>();
        Reconciler.Summary summary = Reconciler.reconcile(List.of(assessed(1, "400")), List.of(payment("T1", 1, "400")), outcomes::add);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.agrees()).isTrue();
            assertThat(o.fullyPaid()).isTrue();
            assertThat(o.paidOn()).contains(java.time.LocalDate.of(2024, 10, 8));
        });
        assertThat(summary.agreeing()).isEqualTo(1);
        assertThat(summary.fullyPaid()).isEqualTo(1);
    }

    @Test
    void moneyForAPersonWithNoEnrollmentIsPaidButNotRegistered() {
        assertThat(differencesOf(List.of(), List.of(payment("T1", 2, "400"))))
                .singleElement().satisfies(d -> {
                    assertThat(d.category()).isEqualTo(DifferenceCategory.PAID_NOT_REGISTERED);
                    assertThat(d.amount()).isEqualTo(Money.ofYuan(400));
                    assertThat(d.worklistRegion()).isEqualTo(RegionCode.of("340321"));
                });
    }

    @Test
    void moneyForAnEnrollmentWithoutAssessmentIsRegisteredButNotAssessed() {
        AssessedEnrollment notAssessed = AssessedEnrollment.notAssessed(id(3), "居民3", 2025, RONGCHENG_VILLAGE);

        assertThat(differencesOf(List.of(notAssessed), List.of(payment("T1", 3, "400"))))
                .extracting(Difference::category).containsExactly(DifferenceCategory.REGISTERED_NOT_ASSESSED);
    }

    @Test
    void anUnderpaymentDiffersFromTheAssessmentAndOwesNoRefund() {
        assertThat(differencesOf(List.of(assessed(4, "400")), List.of(payment("T1", 4, "380"))))
                .singleElement().satisfies(d -> {
                    assertThat(d.category()).isEqualTo(DifferenceCategory.AMOUNT_DIFFERS);
                    assertThat(d.amount()).isEqualTo(Money.ofYuan(-20));
                });
    }

    @Test
    void aLowIncomePersonWhoPaidTheFullStandardDiffersAndIsOwedTheExcess() {
        // 呼医保发〔2024〕13号 二（二）二: assessed 200; the person paid the ordinary 400.
        assertThat(differencesOf(List.of(assessed(5, "200")), List.of(payment("T1", 5, "400"))))
                .extracting(Difference::category, Difference::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DifferenceCategory.AMOUNT_DIFFERS, Money.ofYuan(200)),
                        org.assertj.core.groups.Tuple.tuple(DifferenceCategory.REFUND_OWED, Money.ofYuan(200)));
    }

    @Test
    void twoPaymentsInTheSameRegionArePaidTwiceAndTheSecondIsOwedBack() {
        List<Difference> found = differencesOf(List.of(assessed(6, "400")), List.of(payment("T1", 6, "400"), payment("T2", 6, "400")));

        assertThat(found).extracting(Difference::category)
                .containsExactly(DifferenceCategory.PAID_TWICE, DifferenceCategory.REFUND_OWED);
        assertThat(found.get(0).reason()).contains("同一地区");
        assertThat(found.get(0).transactionIds()).containsExactly("T1", "T2");
        assertThat(found.get(1).amount()).isEqualTo(Money.ofYuan(400));
    }

    @Test
    void aSecondPaymentInAnotherRegionIsPaidTwiceAndPaidElsewhere() {
        List<Difference> found = differencesOf(List.of(assessed(7, "400")),
                List.of(payment("T1", 7, "400"), payment("T2", 7, "400", HAILAR, Channel.MENGSUBAN)));

        assertThat(found).extracting(Difference::category).containsExactly(
                DifferenceCategory.PAID_TWICE, DifferenceCategory.PAID_IN_OTHER_REGION, DifferenceCategory.REFUND_OWED);
        assertThat(found.get(0).reason()).contains("不同地区");
        assertThat(found.get(1).transactionIds()).containsExactly("T2");
        assertThat(found.get(1).paymentRegion()).contains(HAILAR);
    }

    @Test
    void aSinglePaymentCollectedInAnotherCountyIsPaidInAnotherRegionOnly() {
        assertThat(differencesOf(List.of(assessed(8, "400")), List.of(payment("T1", 8, "400", HAILAR, Channel.BANK))))
                .extracting(Difference::category).containsExactly(DifferenceCategory.PAID_IN_OTHER_REGION);
    }

    @Test
    void aTownshipAgentOfTheSameCountyIsNotAnotherRegion() {
        AssessedEnrollment baoji = AssessedEnrollment.assessed(id(9), "居民9", 2025, BAOJI_VILLAGE, Money.ofYuan(400));

        assertThat(differencesOf(List.of(baoji), List.of(payment("T1", 9, "400", RegionCode.of("340321100000"), Channel.COMMUNITY_AGENT))))
                .isEmpty();
    }

    @Test
    void aCityTaxOfficeCoversItsCountiesButNotAnotherCitys() {
        RegionCode hailarVillage = RegionCode.of("150702001201");

        assertThat(Reconciler.sameRegion(hailarVillage, RegionCode.of("150700"))).isTrue();
        assertThat(Reconciler.sameRegion(hailarVillage, RegionCode.of("150702001000"))).isTrue();
        assertThat(Reconciler.sameRegion(hailarVillage, RegionCode.of("150703"))).isFalse();
        assertThat(Reconciler.sameRegion(hailarVillage, RegionCode.of("150800"))).isFalse();
        assertThat(Reconciler.sameRegion(hailarVillage, RegionCode.of("150000"))).isTrue();
    }

    @Test
    void aReversedDuplicateLeavesOnePaymentAndNoDifference() {
        assertThat(differencesOf(List.of(assessed(10, "400")),
                List.of(payment("T1", 10, "400"), payment("T2", 10, "400"), reversal("R2", 10, "400", "T2"))))
                .isEmpty();
    }

    @Test
    void aRefundOfTheDuplicateSettlesTheRefundOwedButTheDoublePaymentStaysOnRecord() {
        assertThat(differencesOf(List.of(assessed(11, "400")),
                List.of(payment("T1", 11, "400"), payment("T2", 11, "400"), refund("F1", 11, "400"))))
                .extracting(Difference::category).containsExactly(DifferenceCategory.PAID_TWICE);
    }

    @Test
    void payThenRefundSubsidiesAreNoDifferenceHereBecauseTheSubsidyRefundLedgerOwesThem() {
        // 怀远县2025年度居民医保参保缴费工作方案 二（三）: 独（双）女户 pay 400 first, the township refunds the county's part
        // later; that refund is subsidy-engine's refund_ledger, so paying the assessed 400 agrees here.
        AssessedEnrollment onlyDaughter = new AssessedEnrollment(id(12), "居民12", 2025, RONGCHENG_VILLAGE,
                Optional.of(Money.ofYuan(400)), AssessedEnrollment.FIXTURE_REGISTRATION_DAY, false, false);

        assertThat(differencesOf(List.of(onlyDaughter), List.of(payment("T1", 12, "400")))).isEmpty();
    }

    @Test
    void anAssessedEnrollmentWithoutMoneyIsNoDifferenceButIsNotPaid() {
        List<PersonOutcome> outcomes = new ArrayList<>();
        Reconciler.reconcile(List.of(assessed(13, "400")), List.of(), outcomes::add);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.agrees()).isTrue();
            assertThat(o.fullyPaid()).isFalse();
        });
    }

    @Test
    void anAssessedZeroCountsAsPaidWithoutMoney() {
        List<PersonOutcome> outcomes = new ArrayList<>();
        Reconciler.reconcile(List.of(assessed(14, "0")), List.of(), outcomes::add);

        assertThat(outcomes).singleElement().extracting(PersonOutcome::fullyPaid).isEqualTo(true);
    }

    @Test
    void aMixedFileIsCountedPerCategoryByHand() {
        List<AssessedEnrollment> enrollments = List.of(assessed(1, "400"), assessed(4, "400"), assessed(6, "400"), assessed(13, "400"));
        List<TaxPaymentRecord> records = List.of(payment("A", 1, "400"), payment("B", 2, "400"), payment("C", 4, "380"),
                payment("D", 6, "400"), payment("E", 6, "400"));

        Reconciler.Summary summary = Reconciler.reconcile(enrollments, records, o -> { });

        assertThat(summary.people()).isEqualTo(5);
        assertThat(summary.enrollments()).isEqualTo(4);
        assertThat(summary.records()).isEqualTo(5);
        assertThat(summary.agreeing()).isEqualTo(2); // persons 1 and 13
        assertThat(summary.fullyPaid()).isEqualTo(2); // persons 1 and 6
        assertThat(summary.differences()).containsAllEntriesOf(Map.of(
                DifferenceCategory.PAID_NOT_REGISTERED, 1L,
                DifferenceCategory.AMOUNT_DIFFERS, 1L,
                DifferenceCategory.PAID_TWICE, 1L,
                DifferenceCategory.REFUND_OWED, 1L,
                DifferenceCategory.REGISTERED_NOT_ASSESSED, 0L,
                DifferenceCategory.PAID_IN_OTHER_REGION, 0L));
    }

    @Test
    void unsortedStreamsAreRefused() {
        List<TaxPaymentRecord> unsorted = List.of(payment("B", 2, "400"), payment("A", 1, "400"));

        assertThatThrownBy(() -> Reconciler.reconcileSorted(List.<AssessedEnrollment>of().iterator(), unsorted.iterator(), o -> { }))
                .isInstanceOf(IllegalStateException.class);
    }
}
