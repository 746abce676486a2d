package cn.canbao.web.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.enrollment.Enrollment;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.enrollment.EnrollmentStatus;
import cn.canbao.enrollment.enrollment.PaymentRecord;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.region.RegionCode;

/** Assessment, suspension, termination and refunds done in the browser pages, as county staff do them. */
@SpringBootTest(properties = "canbao.clock.start=2024-12-20T10:00:00+08:00")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@WithUserDetails("huaiyuan.staff")
class EnrollmentActionPagesTest {

    private static final String PASSWORD = "Canbao@2025";
    private static final String YINFENG = "340321001000";
    private static final int YEAR = 2025;
    private static final String TODAY = "2024-12-20";
    private static final Actor STAFF = Actor.system("huaiyuan.staff", RegionCode.of("340321"));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EnrollmentService enrollments;

    private long registerAndEnroll() throws Exception {
        String birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "340321" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        String resident = mvc.perform(post("/api/v1/residents").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"页面办理","documentType":"RESIDENT_ID","documentNumber":"%s","regionCode":"%s","category":"RESIDENT"}
                                """.formatted(first17 + ResidentIdNumber.checkCharacter(first17), YINFENG)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long residentId = Long.parseLong(resident.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        String enrollment = mvc.perform(post("/api/v1/enrollments").with(httpBasic("huaiyuan.staff", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"residentId\":%d,\"coverageYear\":%d,\"flow\":\"NEW_OR_LAPSED\"}".formatted(residentId, YEAR)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(enrollment.replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
    }

    private Enrollment enrollment(long id) {
        return enrollments.get(STAFF, id, YEAR);
    }

    private String page(long id, MvcResult redirect) throws Exception {
        return mvc.perform(get("/enrollments/" + YEAR + "/" + id).flashAttrs(redirect.getFlashMap()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void countyStaffAssessAnEnrollmentOnItsPageAndSeeTheDueAmount() throws Exception {
        long id = registerAndEnroll();

        MvcResult assessed = mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/assessment").with(csrf()))
                .andExpect(redirectedUrl("/enrollments/" + YEAR + "/" + id))
                .andExpect(flash().attribute("done", "enrollment.done.assessed")).andReturn();

        assertThat(enrollment(id).status()).isEqualTo(EnrollmentStatus.ASSESSED);
        assertThat(page(id, assessed)).contains("已核定。").containsPattern("id=\"enrollment-due\">\\d+\\.\\d{2}<");
    }

    @Test
    void aSuspensionWithoutReasonIsMarkedAtTheFieldAndChangesNothing() throws Exception {
        long id = registerAndEnroll();

        MvcResult refused = mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/end").with(csrf())
                        .param("kind", "SUSPENDED").param("date", TODAY))
                .andExpect(redirectedUrl("/enrollments/" + YEAR + "/" + id))
                .andExpect(flash().attribute("fieldErrors", Map.of("reason", "请选择原因"))).andReturn();

        assertThat(enrollment(id).status()).isEqualTo(EnrollmentStatus.REGISTERED);
        assertThat(page(id, refused)).contains("请更正标出的字段").contains("is-invalid").contains("请选择原因");
    }

    @Test
    void aTerminatedUnpaidEnrollmentShowsItsReasonAndCannotAskForARefund() throws Exception {
        long id = registerAndEnroll();

        mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/end").with(csrf()).param("kind", "TERMINATED")
                        .param("reason", "DEATH").param("date", TODAY).param("note", "户籍注销"))
                .andExpect(flash().attribute("done", "enrollment.done.terminated"));
        assertThat(enrollment(id).status()).isEqualTo(EnrollmentStatus.TERMINATED);

        MvcResult refused = mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/refund-requests").with(csrf()))
                .andExpect(flash().attribute("actionError", "未缴费，无需退费")).andReturn();
        assertThat(page(id, refused)).contains("死亡（户籍注销）").contains("未缴费，无需退费");
        assertThat(jdbc.sql("SELECT count(*) FROM refund_request WHERE enrollment_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void aPaidEnrollmentEndedForDeathGetsARefundRequestDecidedOnceOnTheRefundList() throws Exception {
        long id = registerAndEnroll();
        mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/assessment").with(csrf())).andExpect(status().is3xxRedirection());
        Enrollment assessed = enrollment(id);
        enrollments.recordPayment(STAFF, new PaymentRecord(assessed.personKey(), YEAR, assessed.personalDue(),
                OffsetDateTime.parse("2024-12-20T10:00:00+08:00"), "PAGE-" + id));

        mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/end").with(csrf()).param("kind", "TERMINATED")
                .param("reason", "DEATH").param("date", TODAY)).andExpect(flash().attribute("done", "enrollment.done.terminated"));
        mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/refund-requests").with(csrf()))
                .andExpect(flash().attribute("done", "enrollment.done.refundRequested"));
        long refundId = jdbc.sql("SELECT id FROM refund_request WHERE enrollment_id = ? AND coverage_year = ?").params(id, YEAR)
                .query(Long.class).single();
        String list = mvc.perform(get("/enrollments/refunds").param("coverageYear", Integer.toString(YEAR)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("/enrollments/refunds/" + refundId + "/decision").contains("待审核");

        mvc.perform(post("/enrollments/refunds/" + refundId + "/decision").with(csrf()).param("coverageYear", Integer.toString(YEAR)))
                .andExpect(redirectedUrl("/enrollments/refunds?coverageYear=" + YEAR))
                .andExpect(flash().attributeExists("done", "doneReason"));

        assertThat(jdbc.sql("SELECT status FROM refund_request WHERE id = ?").param(refundId).query(String.class).single())
                .isIn("APPROVED", "REJECTED");
        mvc.perform(post("/enrollments/refunds/" + refundId + "/decision").with(csrf()).param("coverageYear", Integer.toString(YEAR)))
                .andExpect(flash().attribute("actionError", "该申请已处理"));
    }

    @Test
    @WithUserDetails("hailar.staff")
    void staffOfAnotherCountyCanNeitherSeeNorEndAnEnrollmentHere() throws Exception {
        long id = registerAndEnroll();

        mvc.perform(get("/enrollments/" + YEAR + "/" + id).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
        mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/end").with(csrf()).param("kind", "TERMINATED")
                .param("reason", "DEATH").param("date", TODAY)).andExpect(status().isForbidden());

        assertThat(enrollment(id).status()).isEqualTo(EnrollmentStatus.REGISTERED);
    }

    @Test
    void anEndOfUnknownKindIsRefusedAtTheField() throws Exception {
        long id = registerAndEnroll();

        mvc.perform(post("/enrollments/" + YEAR + "/" + id + "/end").with(csrf()).param("kind", "DELETED")
                        .param("reason", "DEATH").param("date", TODAY))
                .andExpect(flash().attribute("fieldErrors", Map.of("kind", "请选择暂停或终止")));

        assertThat(enrollment(id).status()).isEqualTo(EnrollmentStatus.REGISTERED);
    }
}
