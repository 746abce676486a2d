package cn.canbao.web.collection;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import cn.canbao.enrollment.person.Masking;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class CollectionWebTest {

    private static final String PASSWORD = "Canbao@2025";
    private static final String ID = "34032119800101001X";
    /** The application's database may outlive a test run: every run uses its own transaction ids. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Autowired
    MockMvc mvc;

    private static String payment(String txn, String amount, String region) {
        return """
                {"transactionId":"%s","idNumber":"%s","name":"测试","amount":"%s","coverageYear":"2025","channel":"皖事通",
                 "paidAt":"2024-10-08 09:30:00","collectingUnit":"国家税务总局怀远县税务局","collectingRegion":"%s"}"""
                .formatted(txn + "-" + RUN, ID, amount, region);
    }

    @Test
    void aPostedPaymentIsCreatedOnceAndTheSameRecordAgainChangesNothing() throws Exception {
        mvc.perform(post("/api/v1/payments").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(payment("CWT-1", "400", "340321")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.result").value("CREATED"))
                .andExpect(jsonPath("$.differences[*].category", hasItem("PAID_NOT_REGISTERED")))
                .andExpect(jsonPath("$.enrollment.paid").value(0));
        mvc.perform(post("/api/v1/payments").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(payment("CWT-1", "400", "340321")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("ALREADY_PRESENT"));
        mvc.perform(post("/api/v1/payments").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(payment("CWT-1", "380", "340321")))
                .andExpect(status().isConflict());
    }

    @Test
    void aPaymentWithBadFieldsIsRefusedWithEveryFieldAndReason() throws Exception {
        mvc.perform(post("/api/v1/payments").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(payment("CWT-2", "4x0", "34032")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("金额")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("征收地区代码")));
    }

    @Test
    void aTownshipWorkerCannotRecordMoneyCollectedInAnotherTownship() throws Exception {
        mvc.perform(post("/api/v1/payments").with(httpBasic("yinfeng.worker", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(payment("CWT-3", "400", "340321002000")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anImportedFileReportsBadRowsAndImportingItAgainChangesNothing() throws Exception {
        String csv = "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码\n"
                + "CWT-F1-" + RUN + "," + ID + ",测试,400,2025,微信,2024-10-09 10:00:00,怀远县税务局,340321\n"
                + "CWT-F2-" + RUN + ",123,测试,400,2025,微信,2024-10-09 10:00:00,怀远县税务局,340321\n";
        MockMultipartFile file = new MockMultipartFile("file", "pay.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        mvc.perform(multipart("/api/v1/payments/imports").file(file).with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inserted").value(1))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].field").value("证件号码"));
        mvc.perform(multipart("/api/v1/payments/imports").file(file).with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inserted").value(0))
                .andExpect(jsonPath("$.sameFileAsBatch").isNumber());
    }

    @Test
    void aTownshipWorkerMayNotImportFiles() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "pay.csv", "text/csv", "x".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/v1/payments/imports").file(file).with(httpBasic("yinfeng.worker", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void progressIsServedForTheCallersRegionAndRefusedAboveIt() throws Exception {
        mvc.perform(get("/api/v1/progress/340321?coverageYear=2025&date=2024-12-31&depth=1").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].code.value").value("340321"))
                .andExpect(jsonPath("$.length()").value(23));
        mvc.perform(get("/api/v1/progress/340321?coverageYear=2025").with(httpBasic("yinfeng.worker", PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/warnings/340321001000?coverageYear=2025").with(httpBasic("yinfeng.worker", PASSWORD)))
                .andExpect(status().isOk());
    }

    @Test
    void aReconciliationRunFillsTheWorklistsOfTheRegion() throws Exception {
        mvc.perform(post("/api/v1/payments").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content(payment("CWT-R1", "400", "340321")))
                .andExpect(status().is2xxSuccessful());
        mvc.perform(post("/api/v1/reconciliation/runs?coverageYear=2025").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.differences.PAID_NOT_REGISTERED").isNumber());
        mvc.perform(get("/api/v1/reconciliation/worklists/340321?coverageYear=2025&category=PAID_NOT_REGISTERED")
                        .with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].idNumber", hasItem(Masking.maskDocumentNumber(ID))));
        mvc.perform(post("/api/v1/reconciliation/runs?coverageYear=2025").with(httpBasic("yinfeng.worker", PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aFollowUpForSomeoneNotOnTheListIsNotFound() throws Exception {
        mvc.perform(post("/api/v1/lapses/follow-ups").with(httpBasic("yinfeng.worker", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"coverageYear\":2025,\"idNumber\":\"" + ID + "\",\"outcome\":\"REFUSED\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void theOverviewPageShowsProgressWarningsAndTheImportForm() throws Exception {
        mvc.perform(get("/collection/340321?coverageYear=2025&date=2024-12-31").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("征缴进度与对账")))
                .andExpect(content().string(containsString("id=\"children\"")))
                .andExpect(content().string(containsString("导入税务缴费文件")));
    }

    @Test
    @WithUserDetails("huaiyuan.supervisor")
    void aSupervisorSeesTheOverviewWithoutTheImportForm() throws Exception {
        mvc.perform(get("/collection/340321?coverageYear=2025").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("导入税务缴费文件"))));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void theProgressTreeIsExportedToExcel() throws Exception {
        mvc.perform(get("/collection/340321/export?coverageYear=2025&date=2024-12-31"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("spreadsheetml")))
                .andExpect(header().string("Content-Disposition", containsString("progress-340321-2024-12-31.xlsx")));
    }

    @Test
    @WithUserDetails("yinfeng.worker")
    void aTownshipWorkerSeesTheirLapseListButNotAnotherTownships() throws Exception {
        mvc.perform(get("/collection/340321001000/lapses?coverageYear=2025").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"lapses\"")));
        mvc.perform(get("/collection/340321002000/lapses?coverageYear=2025").accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void anUploadedFileShowsItsReportPage() throws Exception {
        String csv = "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码\n"
                + "CWT-P1-" + RUN + "," + ID + ",测试,400,2025,微信,2024-10-09 10:00:00,怀远县税务局,340321\n";
        mvc.perform(multipart("/collection/imports").file(new MockMultipartFile("file", "p.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"counts\"")))
                .andExpect(content().string(containsString("参保记录：0人转为已缴费")))
                .andExpect(content().string(containsString("id=\"balance\"")));
    }
}
