package cn.canbao.web.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.canbao.audit.Actor;
import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.PaymentKind;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.collection.payment.PaymentService;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.collection.snapshot.SnapshotService;
import cn.canbao.enrollment.enrollment.EnrollRequest;
import cn.canbao.enrollment.enrollment.Enrollment;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.identity.IdentityService;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.enrollment.resident.Household;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentForm;
import cn.canbao.enrollment.resident.ResidentService;
import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.Region;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionDirectory;
import cn.canbao.region.RegionLevel;

/**
 * The {@code demo-data} profile: invented households in every demo village, registered, assessed and
 * (most of them) paid through the same services the users call, so every page has something to show.
 * Deterministic (fixed seed); runs once (skipped when demo residents exist); every resident is
 * flagged demo. Payments are spread over the collection window and townships pay at different
 * paces, so the dashboard has units ahead of and behind the schedule, and weekly snapshots give a trend.
 */
@Component
@Profile("demo-data")
@Order(1)
class DemoPopulation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPopulation.class);
    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国淑珍玉兰志强海燕";

    /** County, coverage year, and the first day of that year's collection window. */
    private record Season(RegionCode county, int year, LocalDate windowStart) {
    }

    private static final List<Season> SEASONS = List.of(
            new Season(RegionCode.of("340321"), 2025, LocalDate.of(2024, 9, 1)),
            new Season(RegionCode.of("150702"), 2025, LocalDate.of(2024, 9, 3)));

    private final RegionDirectory regions;
    private final ResidentService residents;
    private final EnrollmentService enrollments;
    private final IdentityService identities;
    private final PaymentService payments;
    private final ReconciliationService reconciliation;
    private final ProgressService progress;
    private final SnapshotService snapshots;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int householdsPerVillage;
    private final Set<String> issuedNumbers = new HashSet<>();

    DemoPopulation(RegionDirectory regions, ResidentService residents, EnrollmentService enrollments,
            IdentityService identities, PaymentService payments, ReconciliationService reconciliation,
            ProgressService progress, SnapshotService snapshots, JdbcTemplate jdbc, Clock clock,
            @Value("${canbao.demo.households-per-village:4}") int householdsPerVillage) {
        this.regions = regions;
        this.residents = residents;
        this.enrollments = enrollments;
        this.identities = identities;
        this.payments = payments;
        this.reconciliation = reconciliation;
        this.progress = progress;
        this.snapshots = snapshots;
        this.jdbc = jdbc;
        this.clock = clock;
        this.householdsPerVillage = householdsPerVillage;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer existing = jdbc.queryForObject("SELECT count(*) FROM resident WHERE demo", Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        Random random = new Random(2025);
        int people = 0;
        for (Season season : SEASONS) {
            Actor actor = Actor.system("demo", season.county());
            for (Region village : regions.subtree(season.county())) {
                if (village.level() == RegionLevel.VILLAGE && village.isDemo()) {
                    double payingShare = 0.45 + 0.5 * new Random(village.parentCode().hashCode()).nextDouble();
                    for (int h = 0; h < householdsPerVillage; h++) {
                        people += household(actor, season, village, random, payingShare);
                    }
                }
            }
            enterOfficialTargets(season);
            reconciliation.run(season.year(), "demo");
            progress.refreshBase(season.year());
            LocalDate today = LocalDate.now(clock);
            for (LocalDate d = season.windowStart().with(DayOfWeek.SUNDAY); !d.isAfter(today); d = d.plusWeeks(1)) {
                snapshots.takeDue(season.year(), d);
            }
        }
        log.info("Demo population ready: {} residents in the demo villages", people);
    }

    /**
     * Counties whose base is an official target count (怀远县) get one per township: the demo
     * residents registered there, as county staff would enter the task handed down to them.
     */
    private void enterOfficialTargets(Season season) {
        for (Region township : regions.children(season.county())) {
            Long registered = jdbc.queryForObject("SELECT count(*) FROM resident WHERE demo AND region_code LIKE ?", Long.class,
                    township.code().value().substring(0, 9) + "%");
            if (registered != null && registered > 0) {
                progress.enterOfficialTarget(township.code(), season.year(), registered, "demo");
            }
        }
    }

    private int household(Actor actor, Season season, Region village, Random random, double payingShare) {
        Household household = residents.createHousehold(actor, null, village.code().value(), village.name() + "（演示地址）");
        String surname = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int size = 1 + random.nextInt(4);
        LocalDate today = LocalDate.now(clock);
        for (int member = 0; member < size; member++) {
            int age = switch (member) {
                case 0, 1 -> 30 + random.nextInt(40);
                case 2 -> 3 + random.nextInt(15);
                default -> 65 + random.nextInt(20);
            };
            boolean male = member == 1 ? random.nextInt(4) == 0 : random.nextBoolean();
            LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
            String name = (member == 2 || member == 0 ? surname : String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length()))))
                    + GIVEN.charAt(random.nextInt(GIVEN.length())) + (random.nextBoolean() ? String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))) : "");
            String id = idNumber(season.county(), birth, male, random);
            ParticipantCategory category = age >= 6 && age <= 17 ? ParticipantCategory.STUDENT : ParticipantCategory.RESIDENT;
            Resident resident = residents.register(actor, new ResidentForm(name, DocumentType.RESIDENT_ID, id, null, null, household.id(),
                    member == 0 ? "户主" : member == 1 ? "配偶" : member == 2 ? "子女" : "父母", season.county().value(),
                    village.code().value(), category, "13" + (100000000 + random.nextInt(899999999)), null, null));
            jdbc.update("UPDATE resident SET demo = true WHERE id = ?", resident.id());
            enroll(actor, season, resident, id, random, payingShare);
        }
        return size;
    }

    private void enroll(Actor actor, Season season, Resident resident, String idNumber, Random random, double payingShare) {
        Enrollment enrollment = enrollments.enroll(actor, new EnrollRequest(resident.id(), season.year(), null, null, null));
        int roll = random.nextInt(100);
        Optional<Identity> identity = roll < 2 ? Optional.of(Identity.TEKUN) : roll < 9 ? Optional.of(Identity.DIBAO)
                : roll < 13 ? Optional.of(Identity.MONITORED) : Optional.empty();
        identity.ifPresent(i -> identities.record(actor, resident.id(), season.year(), i, season.windowStart(), null, "演示数据"));
        enrollment = enrollments.assess(actor, enrollment.id(), season.year());
        boolean pays = identity.isPresent() ? random.nextInt(100) < 93 : random.nextDouble() < payingShare;
        if (!pays || enrollment.personalDue() == null) {
            return;
        }
        long windowDays = Math.max(1, LocalDate.now(clock).toEpochDay() - season.windowStart().toEpochDay());
        LocalDateTime paidAt = season.windowStart().plusDays(random.nextLong(windowDays)).atTime(8 + random.nextInt(12), random.nextInt(60));
        Money due = enrollment.personalDue();
        String transaction = "DEMO-" + season.year() + "-" + resident.id();
        if (due.isPositive()) {
            // Fully subsidised people (特困) pay nothing: the tax bureau has no record of them.
            payments.record(new TaxPaymentRecord(transaction, idNumber, resident.name(), due, season.year(),
                Channel.values()[random.nextInt(Channel.values().length)], paidAt, "演示代收点", RegionCode.of(resident.regionCode()),
                    PaymentKind.PAYMENT, Optional.empty()), season.county(), "demo");
        }
        // The tax record already moved the enrollment to paid/covered (same reference, so this changes nothing);
        // a fully subsidised person has no tax record and is recorded as paid here.
        enrollments.recordPayment(actor, new cn.canbao.enrollment.enrollment.PaymentRecord(resident.personKey().value(), season.year(),
                due, paidAt.atOffset(ZoneOffset.ofHours(8)), transaction));
    }

    /** A valid GB 11643 number (odd sequence for men), never one already handed out. */
    private String idNumber(RegionCode county, LocalDate birth, boolean male, Random random) {
        while (true) {
            int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
            String first17 = county.value() + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
            String number = first17 + ResidentIdNumber.checkCharacter(first17);
            if (issuedNumbers.add(number)) {
                return number;
            }
        }
    }
}
