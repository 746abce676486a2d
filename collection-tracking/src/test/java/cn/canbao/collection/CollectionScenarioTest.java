package cn.canbao.collection;

import static cn.canbao.collection.Fixtures.HUAIYUAN;
import static cn.canbao.collection.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.lapse.FollowUpOutcome;
import cn.canbao.collection.lapse.LapseCase;
import cn.canbao.collection.lapse.LapseReason;
import cn.canbao.collection.lapse.LapseService;
import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.PaymentKind;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.collection.payment.PaymentRepository;
import cn.canbao.collection.payment.PaymentService;
import cn.canbao.collection.progress.ProgressRow;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.collection.progress.WarningService;
import cn.canbao.collection.reconciliation.Difference;
import cn.canbao.collection.reconciliation.DifferenceCategory;
import cn.canbao.collection.reconciliation.ReconciliationRepository;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.collection.snapshot.SnapshotService;
import cn.canbao.collection.supervision.HuaiyuanSupervisionGroups;
import cn.canbao.collection.supervision.SupervisionGroupRepository;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * One hand-counted 怀远县 scenario through the database: enrollments in two villages, payments of
 * every kind of difference, then reconciliation, progress, warnings, snapshots and the lapse list.
 *
 * <pre>
 * person  2024  2025 enrollment (registered 2024-09-10)   payments 2025               expected
 * P1      V1    V1 assessed 400                          T1 400                      agrees, paid 10-08
 * P2      -     -                                        T2 400                      PAID_NOT_REGISTERED
 * P3      -     V1 not assessed                          T3 400                      REGISTERED_NOT_ASSESSED
 * P4      -     V1 assessed 400                          T4 380                      AMOUNT_DIFFERS -20
 * P5      -     V2 assessed 400                          T5a 400, T5b 400            PAID_TWICE, REFUND_OWED 400
 * P6      -     V2 assessed 400                          T6 400 collected in 海拉尔区 PAID_IN_OTHER_REGION, paid
 * P7      -     V2 assessed 0, special                   -                           paid on registration
 * P8      V1    V1 assessed 400                          -                           enrolled, not paid
 * P9      V1    -                                        -                           lapse NOT_RENEWED
 * P10     V2    - (special DIBAO)                        -                           lapse SPECIAL_GROUP
 * P11     -     - (special TEKUN, V1)                    -                           lapse SPECIAL_GROUP
 * </pre>
 * V1 = village under 榴城镇 (第一组), V2 = village under 引凤街道 (第二组). Official targets: 榴城镇 6, 引凤街道 4.
 */
@SpringBootTest(classes = CollectionTestConfiguration.class)
class CollectionScenarioTest {

    static final RegionCode LIUCHENG = RegionCode.of("340321100000");
    static final RegionCode YINFENG = RegionCode.of("340321001000");
    static final RegionCode V1 = RegionCode.of("340321100201");
    static final RegionCode V2 = RegionCode.of("340321001201");
    static final LocalDate REGISTERED = LocalDate.of(2024, 9, 10);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PaymentRepository payments;
    @Autowired
    PaymentService paymentService;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    ReconciliationRepository runs;
    @Autowired
    ProgressService progress;
    @Autowired
    WarningService warnings;
    @Autowired
    SnapshotService snapshots;
    @Autowired
    LapseService lapses;
    @Autowired
    SupervisionGroupRepository groups;

    private static TaxPaymentRecord paid(String txn, int person, long yuan, RegionCode collectingRegion) {
        return new TaxPaymentRecord(txn, id(person), "居民" + person, Money.ofYuan(yuan), 2025, Channel.WECHAT,
                LocalDateTime.of(2024, 10, 8, 10, 0), "税务" + collectingRegion, collectingRegion, PaymentKind.PAYMENT, Optional.empty());
    }

    @BeforeEach
    void scenario() {
        TestDatabase db = new TestDatabase(jdbc);
        db.clean();
        db.village(V1, "示例村一（演示）");
        db.village(V2, "示例社区二（演示）");
        db.enroll(2024, id(1), "居民1", V1, LocalDate.of(2023, 9, 10), 380L, "13900000001");
        db.enroll(2024, id(8), "居民8", V1, LocalDate.of(2023, 9, 10), 380L, "13900000008");
        db.enroll(2024, id(9), "居民9", V1, LocalDate.of(2023, 9, 10), 380L, "13900000009");
        db.enroll(2024, id(10), "居民10", V2, LocalDate.of(2023, 9, 10), 0L, "13900000010");
        db.enroll(2025, id(1), "居民1", V1, REGISTERED, 400L, null);
        db.enroll(2025, id(3), "居民3", V1, REGISTERED, null, null);
        db.enroll(2025, id(4), "居民4", V1, REGISTERED, 400L, null);
        db.enroll(2025, id(5), "居民5", V2, REGISTERED, 400L, null);
        db.enroll(2025, id(6), "居民6", V2, REGISTERED, 400L, null);
        db.enroll(2025, id(7), "居民7", V2, REGISTERED, 0L, null);
        db.enroll(2025, id(8), "居民8", V1, REGISTERED, 400L, null);
        db.special(2025, id(7), "居民7", V2, "TEKUN", null);
        db.special(2025, id(10), "居民10", V2, "DIBAO", "13900000010");
        db.special(2025, id(11), "居民11", V1, "TEKUN", "13900000011");
        for (TaxPaymentRecord r : List.of(paid("T1", 1, 400, HUAIYUAN), paid("T2", 2, 400, HUAIYUAN), paid("T3", 3, 400, HUAIYUAN),
                paid("T4", 4, 380, HUAIYUAN), paid("T5a", 5, 400, HUAIYUAN), paid("T5b", 5, 400, HUAIYUAN),
                paid("T6", 6, 400, RegionCode.of("150702")))) {
            assertThat(payments.insertOne(r, "tester")).isEqualTo(PaymentRepository.WriteOutcome.INSERTED);
        }
        progress.enterOfficialTarget(LIUCHENG, 2025, 6, "county");
        progress.enterOfficialTarget(YINFENG, 2025, 4, "county");
        progress.refreshBase(2025);
    }

    private Map<RegionCode, ProgressRow> tree(LocalDate date) {
        return progress.tree(HUAIYUAN, 2025, date, ProgressService.WHOLE_TREE).stream()
                .collect(Collectors.toMap(ProgressRow::code, Function.identity()));
    }

    @Test
    void everyDifferenceCategoryIsFoundOnceForTheHandCountedPeople() {
        ReconciliationService.RunResult result = reconciliation.run(2025, "tester");

        assertThat(result.summary().people()).isEqualTo(8);
        assertThat(result.summary().agreeing()).isEqualTo(3); // P1, P7, P8
        assertThat(runs.counts(result.runId(), HUAIYUAN)).extracting(c -> c.category(), c -> c.items()).containsExactlyInAnyOrder(
                tuple(DifferenceCategory.PAID_NOT_REGISTERED, 1L), tuple(DifferenceCategory.REGISTERED_NOT_ASSESSED, 1L),
                tuple(DifferenceCategory.AMOUNT_DIFFERS, 1L), tuple(DifferenceCategory.PAID_TWICE, 1L),
                tuple(DifferenceCategory.PAID_IN_OTHER_REGION, 1L), tuple(DifferenceCategory.REFUND_OWED, 1L));
        List<Difference> refunds = runs.items(result.runId(), DifferenceCategory.REFUND_OWED, HUAIYUAN, 10, 0);
        assertThat(refunds).singleElement().satisfies(d -> {
            assertThat(d.idNumber()).isEqualTo(id(5));
            assertThat(d.amount()).isEqualTo(Money.ofYuan(400));
            assertThat(d.transactionIds()).containsExactly("T5a", "T5b");
        });
        assertThat(runs.items(result.runId(), DifferenceCategory.AMOUNT_DIFFERS, YINFENG, 10, 0)).isEmpty();
        assertThat(runs.items(result.runId(), DifferenceCategory.AMOUNT_DIFFERS, LIUCHENG, 10, 0))
                .extracting(Difference::amount).containsExactly(Money.ofYuan(-20));
    }

    @Test
    void progressNumbersMatchTheHandCountAtDatesBeforeAndAfterThePayments() {
        reconciliation.run(2025, "tester");

        Map<RegionCode, ProgressRow> december = tree(LocalDate.of(2024, 12, 31));
        ProgressRow county = december.get(HUAIYUAN);
        assertThat(county.progress().base()).contains(10L);
        assertThat(county.progress().enrolled()).isEqualTo(7);
        assertThat(county.progress().paid()).isEqualTo(4); // P1, P5, P6, P7
        assertThat(county.progress().paidRate()).contains(new BigDecimal("0.4000"));
        assertThat(county.progress().specialPopulation()).isEqualTo(3);
        assertThat(county.progress().specialPaid()).isEqualTo(1);
        assertThat(december.get(LIUCHENG).progress()).satisfies(p -> {
            assertThat(p.enrolled()).isEqualTo(4);
            assertThat(p.paid()).isEqualTo(1);
            assertThat(p.paidRate()).contains(new BigDecimal("0.1667"));
        });
        assertThat(december.get(V2).progress().paid()).isEqualTo(3);

        Map<RegionCode, ProgressRow> september = tree(LocalDate.of(2024, 9, 30));
        assertThat(september.get(HUAIYUAN).progress().enrolled()).isEqualTo(7);
        assertThat(september.get(HUAIYUAN).progress().paid()).isEqualTo(1); // only P7, assessed 0 on registration
        assertThat(tree(LocalDate.of(2024, 9, 9)).get(HUAIYUAN).progress().enrolled()).isZero();
    }

    @Test
    void milestoneWarningsAppearFromTheDayOfTheMilestoneRankedByGap() {
        reconciliation.run(2025, "tester");

        assertThat(warnings.behindSchedule(HUAIYUAN, 2025, LocalDate.of(2024, 12, 30), Optional.empty())).isEmpty();

        List<WarningService.Warning> onTheDay = warnings.behindSchedule(HUAIYUAN, 2025, LocalDate.of(2024, 12, 31), Optional.empty());
        assertThat(onTheDay).extracting(w -> w.unit().code(), w -> w.status().gap(), w -> w.status().specialGap())
                .containsExactly(tuple(LIUCHENG, 5L, 1L), tuple(YINFENG, 1L, 1L));
        assertThat(warnings.behindSchedule(HUAIYUAN, 2025, LocalDate.of(2025, 1, 1), Optional.empty())).hasSize(2);
    }

    @Test
    void aSupervisionGroupLeaderSeesTheirTownshipsFirst() {
        reconciliation.run(2025, "tester");
        groups.assignLeaderLogin(HUAIYUAN, 2025, "第二组", "liuweixin");

        List<WarningService.Warning> forLeader = warnings.behindSchedule(HUAIYUAN, 2025, LocalDate.of(2024, 12, 31), Optional.of("liuweixin"));

        assertThat(forLeader).extracting(w -> w.unit().code(), WarningService.Warning::rank, WarningService.Warning::ownGroup)
                .containsExactly(tuple(YINFENG, 2, true), tuple(LIUCHENG, 1, false));
        assertThat(groups.forYear(HUAIYUAN, 2025)).extracting(g -> g.leader()).containsExactly("李双喜", "刘维新");
        assertThat(groups.forYear(LIUCHENG, 2025)).hasSize(2);
    }

    @Test
    void theStoredSupervisionGroupsAreThoseOfAttachmentTwo() {
        assertThat(groups.forYear(HUAIYUAN, 2025)).containsExactlyElementsOf(HuaiyuanSupervisionGroups.ALL);
    }

    @Test
    void aSinglePaymentUpdatesProgressAtOnceAndPostingItAgainChangesNothing() {
        reconciliation.run(2025, "tester");
        TaxPaymentRecord late = new TaxPaymentRecord("T8", id(8), "居民8", Money.ofYuan(400), 2025, Channel.MENGSUBAN,
                LocalDateTime.of(2024, 11, 1, 8, 0), "税务340321", HUAIYUAN, PaymentKind.PAYMENT, Optional.empty());

        PaymentService.RecordResult first = paymentService.record(late, HUAIYUAN, "tester");
        PaymentService.RecordResult again = paymentService.record(late, HUAIYUAN, "tester");

        assertThat(first.result()).isEqualTo(PaymentService.Result.CREATED);
        assertThat(first.outcome().orElseThrow().fullyPaid()).isTrue();
        assertThat(again.result()).isEqualTo(PaymentService.Result.ALREADY_PRESENT);
        assertThat(tree(LocalDate.of(2024, 10, 31)).get(LIUCHENG).progress().paid()).isEqualTo(1);
        assertThat(tree(LocalDate.of(2024, 11, 1)).get(LIUCHENG).progress().paid()).isEqualTo(2);
        assertThat(tree(LocalDate.of(2024, 11, 1)).get(HUAIYUAN).progress().paid()).isEqualTo(5);

        // A full run recomputes every person and must agree with the incremental update.
        reconciliation.run(2025, "tester");
        assertThat(tree(LocalDate.of(2024, 11, 1)).get(HUAIYUAN).progress().paid()).isEqualTo(5);
        assertThat(tree(LocalDate.of(2024, 10, 31)).get(HUAIYUAN).progress().paid()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM progress_cumulative WHERE enrolled < 0 OR paid < 0", Long.class)).isZero();
    }

    @Test
    void aConflictingOrOutOfRegionSinglePaymentIsRefused() {
        TaxPaymentRecord changed = paid("T1", 1, 300, HUAIYUAN);

        assertThat(paymentService.record(changed, HUAIYUAN, "tester").result()).isEqualTo(PaymentService.Result.CONFLICT);
        assertThat(paymentService.record(paid("T99", 1, 400, HUAIYUAN), RegionCode.of("150702"), "tester").result())
                .isEqualTo(PaymentService.Result.OUTSIDE_REGION);
        assertThat(payments.find("T99", 2025, "340321")).isEmpty();
    }

    @Test
    void snapshotsAreKeptWeeklyForTownshipsAndVillagesAndOnlyOncePerDate() {
        reconciliation.run(2025, "tester");
        LocalDate sunday = LocalDate.of(2024, 10, 13);

        int added = snapshots.takeDue(2025, sunday);
        int again = snapshots.takeDue(2025, sunday);

        // 怀远县's 22 townships, the two demo villages, and the county: six weeks after the first Sunday (09-01)
        assertThat(added).isEqualTo(22 + 2 + 1);
        assertThat(again).isZero();
        // a week later: 怀远县's townships and villages, and 呼伦贝尔市 with its 14 counties, whose
        // two-week rhythm counts from the first Sunday of their window (2024-09-08)
        assertThat(snapshots.takeDue(2025, LocalDate.of(2024, 10, 20))).isEqualTo(22 + 2 + 1 + 14);
        assertThat(snapshots.history(YINFENG, 2025)).extracting(s -> s.takenOn(), s -> s.paid())
                .containsExactly(tuple(sunday, 3L), tuple(LocalDate.of(2024, 10, 20), 3L));
    }

    @Test
    void theLapseListHasLastYearsEnrolledAndSpecialGroupsWithoutEnrollmentPerVillage() {
        List<LapseCase> cases = lapses.worklist(HUAIYUAN, 2025, Optional.empty(), 100, 0);

        assertThat(cases).extracting(LapseCase::idNumber, LapseCase::reason, LapseCase::region).containsExactly(
                tuple(id(10), LapseReason.SPECIAL_GROUP_NOT_ENROLLED, V2),
                tuple(id(11), LapseReason.SPECIAL_GROUP_NOT_ENROLLED, V1),
                tuple(id(9), LapseReason.NOT_RENEWED, V1));
        assertThat(cases.get(0).contactPhone()).contains("13900000010");
        assertThat(lapses.worklist(V1, 2025, Optional.of(LapseReason.NOT_RENEWED), 100, 0)).hasSize(1);
    }

    @Test
    void aFollowUpOutcomeIsRecordedWithinTheWorkersRegionOnly() {
        Optional<LapseCase> elsewhere = lapses.recordOutcome(YINFENG, 2025, id(9), FollowUpOutcome.DECEASED, Optional.empty(), "worker2");
        Optional<LapseCase> recorded = lapses.recordOutcome(LIUCHENG, 2025, id(9), FollowUpOutcome.DECEASED, Optional.of("家属告知"), "worker1");

        assertThat(elsewhere).isEmpty();
        assertThat(recorded.orElseThrow().latestFollowUp().orElseThrow().outcome()).isEqualTo(FollowUpOutcome.DECEASED);
        assertThat(recorded.get().open()).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lapse_followup", Long.class)).isEqualTo(1);
    }
}
