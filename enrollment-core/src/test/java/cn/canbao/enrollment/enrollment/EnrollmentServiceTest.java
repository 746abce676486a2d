package cn.canbao.enrollment.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.identity.IdentityService;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentForm;
import cn.canbao.enrollment.resident.ResidentService;
import cn.canbao.enrollment.support.AnotherCounty;
import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.enrollment.support.TestPeople;
import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;

@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class EnrollmentServiceTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2024, 10, 15, 2, 0, 0, 0, ZoneOffset.UTC);

    @Autowired
    EnrollmentService enrollments;

    @Autowired
    ResidentService residents;

    @Autowired
    IdentityService identities;

    @Autowired
    JdbcClient jdbc;

    private Resident adultIn(String region) {
        return residents.register(TestPeople.COUNTY_STAFF, TestPeople.adult("测试", region));
    }

    @Test
    void registrationAssessmentAndPaymentBeforeTheYearCoverTheWholeYearFromJanuaryFirst() {
        Resident resident = adultIn(TestPeople.YINFENG);
        Enrollment registered = enrollments.enroll(TestPeople.YINFENG_WORKER, new EnrollRequest(resident.id(), 2025, null, null, null));
        assertThat(registered.flow()).isEqualTo(EnrollmentFlow.NEW_OR_LAPSED);

        Enrollment assessed = enrollments.assess(TestPeople.YINFENG_WORKER, registered.id(), 2025);
        assertThat(assessed.personalDue()).isEqualTo(Money.ofYuan(400));
        assertThat(assessed.policyVersion()).isEqualTo(EnrollmentTestConfiguration.POLICY_VERSION);

        Enrollment paid = enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(resident.personKey().value(), 2025, Money.ofYuan(400), NOW, "TAX-" + resident.id()));
        assertThat(paid.status()).isEqualTo(EnrollmentStatus.PAID);
        assertThat(paid.coverageStart()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(paid.coverageEnd()).isEqualTo(LocalDate.of(2025, 12, 31));

        Enrollment replay = enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(resident.personKey().value(), 2025, Money.ofYuan(400), NOW, "TAX-" + resident.id()));
        assertThat(replay.version()).as("the same payment reported again changes nothing").isEqualTo(paid.version());
    }

    @Test
    void aReversedPaymentMovesTheEnrollmentBackToAssessedAndOnlyThePaymentWithThatReferenceIsUndone() {
        Resident resident = adultIn(TestPeople.YINFENG);
        Enrollment registered = enrollments.enroll(TestPeople.YINFENG_WORKER, new EnrollRequest(resident.id(), 2025, null, null, null));
        enrollments.assess(TestPeople.YINFENG_WORKER, registered.id(), 2025);
        String key = resident.personKey().value();
        enrollments.recordPayment(TestPeople.COUNTY_STAFF, new PaymentRecord(key, 2025, Money.ofYuan(400), NOW, "TAX-A" + resident.id()));

        assertThat(enrollments.reversePayment(TestPeople.COUNTY_STAFF, key, 2025, "OTHER")).isEmpty();
        Enrollment back = enrollments.reversePayment(TestPeople.COUNTY_STAFF, key, 2025, "TAX-A" + resident.id()).orElseThrow();

        assertThat(back.status()).isEqualTo(EnrollmentStatus.ASSESSED);
        assertThat(back.paymentReference()).isNull();
        assertThat(back.coverageStart()).isNull();
        assertThat(enrollments.reversePayment(TestPeople.COUNTY_STAFF, key, 2025, "TAX-A" + resident.id()))
                .as("reversing again changes nothing").isEmpty();
        Enrollment paidAgain = enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(key, 2025, Money.ofYuan(400), NOW, "TAX-B" + resident.id()));
        assertThat(paidAgain.status()).isEqualTo(EnrollmentStatus.PAID);
    }

    @Test
    void aNewOrLapsedParticipantCannotPayBeforeTheAgencyRegistersAndAssessesThem() {
        Resident resident = adultIn(TestPeople.YINFENG);

        assertThatThrownBy(() -> enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(resident.personKey().value(), 2025, Money.ofYuan(400), NOW, "T1")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("经办机构");
        Enrollment registered = enrollments.enroll(TestPeople.YINFENG_WORKER, new EnrollRequest(resident.id(), 2025, null, null, null));
        assertThatThrownBy(() -> enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(resident.personKey().value(), 2025, Money.ofYuan(400), NOW, "T1")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("核定");
        assertThat(enrollments.get(TestPeople.YINFENG_WORKER, registered.id(), 2025).status()).isEqualTo(EnrollmentStatus.REGISTERED);
    }

    @Test
    void aPersonWhoPaidLastYearRenewsByPayingWithoutAVisit() {
        Resident resident = adultIn(TestPeople.YINFENG);
        Enrollment lastYear = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(resident.id(), 2024, null, null, null));
        enrollments.assess(TestPeople.COUNTY_STAFF, lastYear.id(), 2024);
        enrollments.recordPayment(TestPeople.COUNTY_STAFF, new PaymentRecord(resident.personKey().value(), 2024, Money.ofYuan(400),
                NOW.minusMonths(11), "OLD-" + resident.id()));

        Enrollment renewed = enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(resident.personKey().value(), 2025, Money.ofYuan(400), NOW, "NEW-" + resident.id()));

        assertThat(renewed.flow()).isEqualTo(EnrollmentFlow.RENEWAL);
        assertThat(renewed.status()).isEqualTo(EnrollmentStatus.PAID);
    }

    @Test
    void aSecondEnrollmentForTheSameYearIsRefusedNamingWhereThePersonIsEnrolled() {
        Resident resident = adultIn(TestPeople.YINFENG);
        enrollments.enroll(TestPeople.YINFENG_WORKER, new EnrollRequest(resident.id(), 2025, null, null, null));

        assertThatThrownBy(() -> enrollments.enroll(TestPeople.COUNTY_STAFF,
                new EnrollRequest(resident.id(), 2025, null, TestPeople.WANGHUAI, null)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("2025年度已在怀远县引凤街道参保").hasMessageContaining("已登记");
    }

    @Test
    void concurrentRegistrationsOfTheSamePersonInDifferentTownshipsLeaveExactlyOneActiveEnrollment() throws Exception {
        int people = 25;
        int threads = 20;
        List<Resident> residentList = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            residentList.add(adultIn(TestPeople.YINFENG));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, Integer> successes = new ConcurrentHashMap<>();
        Set<String> refusalMessages = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String region = t % 2 == 0 ? TestPeople.YINFENG : TestPeople.WANGHUAI;
            futures.add(pool.submit(() -> {
                start.await();
                for (Resident r : residentList) {
                    try {
                        enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(r.id(), 2025, null, region, null));
                        successes.merge(r.id(), 1, Integer::sum);
                    } catch (ConflictException e) {
                        refusalMessages.add(e.getMessage().replaceAll("引凤街道|望淮街道", "X"));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(successes).hasSize(people).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        for (Resident r : residentList) {
            assertThat(jdbc.sql("SELECT count(*) FROM enrollment WHERE resident_id = :id AND coverage_year = 2025")
                    .param("id", r.id()).query(Long.class).single()).isEqualTo(1L);
        }
        assertThat(refusalMessages).containsExactly("该人员2025年度已在怀远县X参保（已登记），不能重复参保");
    }

    @Test
    void aTerminatedEnrollmentNoLongerBlocksEnrollmentElsewhere() {
        Resident resident = adultIn(TestPeople.YINFENG);
        Enrollment first = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(resident.id(), 2025, null, null, null));
        enrollments.terminate(TestPeople.COUNTY_STAFF, first.id(), 2025, EndReason.DUPLICATE, LocalDate.of(2024, 10, 15), "重复登记");

        Enrollment second = enrollments.enroll(TestPeople.COUNTY_STAFF,
                new EnrollRequest(resident.id(), 2025, null, TestPeople.WANGHUAI, null));

        assertThat(second.regionCode()).isEqualTo(TestPeople.WANGHUAI);
        assertThat(enrollments.get(TestPeople.COUNTY_STAFF, first.id(), 2025).endReason()).isEqualTo(EndReason.DUPLICATE);
    }

    @Test
    void aNewIdentityBeforePaymentReassessesAndAfterPaymentListsTheDifferenceForSettlement() {
        Resident before = adultIn(TestPeople.YINFENG);
        Enrollment e1 = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(before.id(), 2025, null, null, null));
        enrollments.assess(TestPeople.COUNTY_STAFF, e1.id(), 2025);

        identities.record(TestPeople.COUNTY_STAFF, before.id(), 2025, Identity.DIBAO, LocalDate.of(2024, 10, 1), null, "民政局核定");
        assertThat(enrollments.get(TestPeople.COUNTY_STAFF, e1.id(), 2025).personalDue()).isEqualTo(Money.ofYuan(200));

        Resident after = adultIn(TestPeople.YINFENG);
        Enrollment e2 = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(after.id(), 2025, null, null, null));
        enrollments.assess(TestPeople.COUNTY_STAFF, e2.id(), 2025);
        enrollments.recordPayment(TestPeople.COUNTY_STAFF, new PaymentRecord(after.personKey().value(), 2025, Money.ofYuan(400), NOW, "P-" + after.id()));

        var results = identities.record(TestPeople.COUNTY_STAFF, after.id(), 2025, Identity.TEKUN, LocalDate.of(2024, 10, 1), null, "特困认定");

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.enrollment().status()).isEqualTo(EnrollmentStatus.PAID);
            assertThat(r.enrollment().personalDue()).isEqualTo(Money.ZERO);
            assertThat(r.settlement().kind()).isEqualTo(RefundRequest.Kind.SETTLEMENT);
            assertThat(r.settlement().amount()).isEqualTo(Money.ofYuan(400));
        });
        assertThat(identities.record(TestPeople.COUNTY_STAFF, after.id(), 2025, Identity.TEKUN, LocalDate.of(2024, 10, 1), null, "重复录入"))
                .singleElement().satisfies(r -> assertThat(r.settlement()).as("the difference is listed once").isNull());
    }

    @Test
    void aRefundIsApprovedBeforeCoverageStartsAndRefusedOnceItHasStarted() {
        Resident early = adultIn(TestPeople.YINFENG);
        Enrollment e = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(early.id(), 2025, null, null, null));
        enrollments.assess(TestPeople.COUNTY_STAFF, e.id(), 2025);
        enrollments.recordPayment(TestPeople.COUNTY_STAFF, new PaymentRecord(early.personKey().value(), 2025, Money.ofYuan(400), NOW, "R-" + early.id()));

        assertThatThrownBy(() -> enrollments.requestRefund(TestPeople.COUNTY_STAFF, e.id(), 2025))
                .isInstanceOf(ConflictException.class).hasMessageContaining("暂停或终止");
        enrollments.terminate(TestPeople.COUNTY_STAFF, e.id(), 2025, EndReason.EMPLOYEE_INSURANCE, LocalDate.of(2024, 10, 15), null);
        RefundRequest request = enrollments.requestRefund(TestPeople.COUNTY_STAFF, e.id(), 2025);
        RefundRequest decided = enrollments.decideRefund(TestPeople.COUNTY_STAFF, request.id());

        assertThat(decided.status()).isEqualTo(RefundRequest.Status.APPROVED);
        assertThat(decided.amount()).isEqualTo(Money.ofYuan(400));
        assertThat(decided.policyVersion()).isEqualTo(EnrollmentTestConfiguration.POLICY_VERSION);

        Resident late = adultIn(TestPeople.YINFENG);
        Enrollment l = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(late.id(), 2024, null, null, null));
        enrollments.assess(TestPeople.COUNTY_STAFF, l.id(), 2024);
        Enrollment covered = enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(late.personKey().value(), 2024, Money.ofYuan(400), NOW.minusMonths(2), "L-" + late.id()));
        assertThat(covered.status()).isEqualTo(EnrollmentStatus.COVERED);
        enrollments.suspend(TestPeople.COUNTY_STAFF, l.id(), 2024, EndReason.MOVED_AWAY, LocalDate.of(2024, 10, 1), null);
        RefundRequest refused = enrollments.decideRefund(TestPeople.COUNTY_STAFF,
                enrollments.requestRefund(TestPeople.COUNTY_STAFF, l.id(), 2024).id());

        assertThat(refused.status()).isEqualTo(RefundRequest.Status.REJECTED);
        assertThat(refused.decisionReason()).contains("不予退费");
    }

    @Test
    void aNewbornRegisteredAndPaidWithin90DaysIsCoveredFromBirth() {
        ResidentForm form = new ResidentForm("新生儿甲", DocumentType.BIRTH_MEDICAL_CERTIFICATE,
                "O" + String.format("%09d", System.nanoTime() % 1_000_000_000L), Sex.FEMALE, LocalDate.of(2024, 8, 1), null, null,
                "340321", TestPeople.YINFENG, ParticipantCategory.NEWBORN, null, null, null);
        Resident baby = residents.register(TestPeople.YINFENG_WORKER, form);

        assertThatThrownBy(() -> enrollments.enroll(TestPeople.YINFENG_WORKER, new EnrollRequest(baby.id(), 2024, EnrollmentFlow.RENEWAL, null, null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("新生儿");
        Enrollment e = enrollments.enroll(TestPeople.YINFENG_WORKER, new EnrollRequest(baby.id(), 2024, EnrollmentFlow.NEWBORN, null, null));
        enrollments.assess(TestPeople.YINFENG_WORKER, e.id(), 2024);
        Enrollment paid = enrollments.recordPayment(TestPeople.COUNTY_STAFF,
                new PaymentRecord(baby.personKey().value(), 2024, Money.ofYuan(400), NOW, "NB-" + baby.id()));

        assertThat(paid.coverageStart()).isEqualTo(LocalDate.of(2024, 8, 1));
        assertThat(paid.status()).isEqualTo(EnrollmentStatus.COVERED);
    }

    @Test
    void aNewbornWhoDiedBeforeRegistrationIsEnrolledOnlyWithin90DaysOfBirth() {
        ResidentForm parent = TestPeople.adult("冯母", TestPeople.YINFENG);
        residents.register(TestPeople.YINFENG_WORKER, parent);
        Resident inTime = residents.register(TestPeople.YINFENG_WORKER, new ResidentForm("冯母XSE", DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN,
                parent.documentNumber(), Sex.MALE, LocalDate.of(2024, 9, 1), null, null, null, TestPeople.YINFENG,
                ParticipantCategory.NEWBORN, null, null, LocalDate.of(2024, 9, 3)));
        Resident tooLate = residents.register(TestPeople.YINFENG_WORKER, new ResidentForm("冯母XSE", DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN,
                parent.documentNumber(), Sex.FEMALE, LocalDate.of(2024, 6, 1), null, null, null, TestPeople.YINFENG,
                ParticipantCategory.NEWBORN, null, null, LocalDate.of(2024, 6, 2)));

        assertThat(enrollments.enroll(TestPeople.YINFENG_WORKER,
                new EnrollRequest(inTime.id(), 2024, EnrollmentFlow.NEWBORN_DIED_BEFORE_REGISTRATION, null, null)).status())
                .isEqualTo(EnrollmentStatus.REGISTERED);
        assertThatThrownBy(() -> enrollments.enroll(TestPeople.YINFENG_WORKER,
                new EnrollRequest(tooLate.id(), 2024, EnrollmentFlow.NEWBORN_DIED_BEFORE_REGISTRATION, null, null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("90天");
    }

    @Test
    void aWorkerOfAnotherTownshipCannotSeeOrChangeTheEnrollment() {
        Resident resident = adultIn(TestPeople.YINFENG);
        Enrollment e = enrollments.enroll(TestPeople.YINFENG_WORKER, new EnrollRequest(resident.id(), 2025, null, null, null));
        Actor other = new Actor("x", RegionCode.of(TestPeople.WANGHUAI), null);

        assertThatThrownBy(() -> enrollments.get(other, e.id(), 2025))
                .isInstanceOf(cn.canbao.enrollment.common.RegionAccessDeniedException.class);
        assertThatThrownBy(() -> enrollments.assess(other, e.id(), 2025))
                .isInstanceOf(cn.canbao.enrollment.common.RegionAccessDeniedException.class);
        assertThat(enrollments.get(TestPeople.YINFENG_WORKER, e.id(), 2025).status()).isEqualTo(EnrollmentStatus.REGISTERED);
    }

    @Test
    void aPersonEnrollsOnlyInTheCountyWhereTheyAreRegistered() {
        AnotherCounty.ensure(jdbc);
        Resident resident = adultIn(TestPeople.YINFENG);

        assertThatThrownBy(() -> enrollments.enroll(AnotherCounty.CITY_STAFF,
                new EnrollRequest(resident.id(), 2025, null, AnotherCounty.TOWNSHIP, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).containsExactly(
                        new FieldProblem("regionCode", "参保地区应在居民登记地所在县（区）（340321）内")));
        assertThat(jdbc.sql("SELECT count(*) FROM enrollment WHERE resident_id = :id").param("id", resident.id())
                .query(Long.class).single()).isZero();
        assertThat(enrollments.enroll(AnotherCounty.CITY_STAFF,
                new EnrollRequest(resident.id(), 2025, null, TestPeople.WANGHUAI, null)).countyCode()).isEqualTo("340321");
    }
}
