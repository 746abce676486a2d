package cn.canbao.web.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.enrollment.Enrollment;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.enrollment.EnrollmentStatus;
import cn.canbao.enrollment.enrollment.PaymentRecord;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.region.RegionCode;

/** The nightly job moves paid enrollments whose coverage has begun to 享受待遇, once, region by region. */
@SpringBootTest(properties = "canbao.clock.start=2024-12-20T10:00:00+08:00")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class CoverageStartSchedulingTest {

    private static final Actor HUAIYUAN = Actor.system("huaiyuan.staff", RegionCode.of("340321"));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EnrollmentService enrollments;

    @Autowired
    CoverageStartScheduling nightly;

    private Enrollment paidFor2025() throws Exception {
        String birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "340321" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        String resident = mvc.perform(post("/api/v1/residents").with(httpBasic("huaiyuan.staff", "Canbao@2025")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"待遇起始","documentType":"RESIDENT_ID","documentNumber":"%s","regionCode":"340321001000","category":"RESIDENT"}
                                """.formatted(first17 + ResidentIdNumber.checkCharacter(first17))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String enrollment = mvc.perform(post("/api/v1/enrollments").with(httpBasic("huaiyuan.staff", "Canbao@2025"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"residentId\":%s,\"coverageYear\":2025,\"flow\":\"NEW_OR_LAPSED\"}"
                                .formatted(resident.replaceAll("(?s).*\"id\":(\\d+).*", "$1"))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(enrollment.replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
        Enrollment assessed = enrollments.assess(HUAIYUAN, id, 2025);
        return enrollments.recordPayment(HUAIYUAN, new PaymentRecord(assessed.personKey(), 2025, assessed.personalDue(),
                OffsetDateTime.parse("2024-12-20T10:00:00+08:00"), "START-" + id));
    }

    @Test
    void aPaidEnrollmentWhoseCoverageHasBegunIsCoveredAfterTheNightlyRunAndOnlyOnce() throws Exception {
        Enrollment paid = paidFor2025();
        assertThat(paid.status()).isEqualTo(EnrollmentStatus.PAID);
        assertThat(paid.coverageStart()).isEqualTo(LocalDate.of(2025, 1, 1));
        Enrollment waiting = paidFor2025();
        // Time passing for one of them: its coverage began yesterday (the clock stays on 2024-12-20).
        jdbc.sql("UPDATE enrollment SET coverage_start = DATE '2024-12-19' WHERE id = ? AND coverage_year = 2025").param(paid.id()).update();

        assertThat(nightly.startDueCoverage()).isPositive();

        assertThat(enrollments.get(HUAIYUAN, paid.id(), 2025).status()).isEqualTo(EnrollmentStatus.COVERED);
        assertThat(enrollments.get(HUAIYUAN, waiting.id(), 2025).status()).isEqualTo(EnrollmentStatus.PAID);
        assertThat(nightly.startDueCoverage()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'COVERAGE_STARTED' AND region_code = '340000'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void anotherRegionsStaffCannotStartCoverageInThisCounty() throws Exception {
        Enrollment paid = paidFor2025();
        jdbc.sql("UPDATE enrollment SET coverage_start = DATE '2024-12-19' WHERE id = ? AND coverage_year = 2025").param(paid.id()).update();

        enrollments.startDueCoverage(Actor.system("hailar.staff", RegionCode.of("150702")));

        assertThat(enrollments.get(HUAIYUAN, paid.id(), 2025).status()).isEqualTo(EnrollmentStatus.PAID);
    }
}
