package cn.canbao.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import cn.canbao.audit.AuditLog;
import cn.canbao.audit.AuditQuery;
import cn.canbao.audit.AuditRecord;
import cn.canbao.audit.AuditResult;
import cn.canbao.enrollment.person.Masking;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.region.RegionCode;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class AuditAndRevealTest {

    private static final String PASSWORD = "Canbao@2025";
    private static final String PHONE = "13812345678";
    private static final Pattern REFERENCE = Pattern.compile("name=\"reference\" value=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog audit;

    @Autowired
    UserDetailsService userDetails;

    private static String idNumber() {
        String birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "340321" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private RequestPostProcessor as(String username) {
        return user(userDetails.loadUserByUsername(username));
    }

    private long registerInYinfeng(String id) throws Exception {
        String body = mvc.perform(post("/api/v1/residents").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"审计测试","documentType":"RESIDENT_ID","documentNumber":"%s","regionCode":"340321001000","category":"RESIDENT","phone":"%s"}
                                """.formatted(id, PHONE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(body.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
    }

    private static List<String> references(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            found.add(HtmlUtils.htmlUnescape(m.group(1)));
        }
        return found;
    }

    private List<AuditRecord> entries(String action, String username) {
        return audit.search(AuditQuery.all().withAction(action).withUsername(username), RegionCode.of("340000")).rows();
    }

    @Test
    void theResidentPageShowsIdAndPhoneMaskedAndRevealingOneNeedsAReasonAndIsAudited() throws Exception {
        String id = idNumber();
        long residentId = registerInYinfeng(id);
        String page = mvc.perform(get("/residents/" + residentId).with(as("yinfeng.worker")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(Masking.maskDocumentNumber(id)).contains("138****5678").doesNotContain(id).doesNotContain(PHONE);
        List<String> references = references(page);
        assertThat(references).hasSize(2);
        int before = entries("ID_NUMBER_REVEALED", "yinfeng.worker").size();

        String refused = mvc.perform(post("/personal-data/reveal").with(as("yinfeng.worker")).with(csrf())
                        .param("reference", references.get(0)).param("reason", " "))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).doesNotContain(id);
        assertThat(entries("ID_NUMBER_REVEALED", "yinfeng.worker")).hasSize(before);

        String shown = mvc.perform(post("/personal-data/reveal").with(as("yinfeng.worker")).with(csrf())
                        .param("reference", references.get(0)).param("reason", "上门核对身份"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains(id);
        assertThat(entries("ID_NUMBER_REVEALED", "yinfeng.worker").get(0)).satisfies(row -> {
            assertThat(row.detail()).isEqualTo("上门核对身份");
            assertThat(row.entityId()).isEqualTo(Masking.maskDocumentNumber(id));
            assertThat(row.regionCode()).isEqualTo("340321001000");
        });

        mvc.perform(post("/api/v1/personal-data/reveal").with(as("yinfeng.worker")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"" + references.get(1) + "\",\"reason\":\"联系缴费\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.value").value(PHONE)).andExpect(jsonPath("$.kind").value("PHONE"));
        assertThat(entries("PHONE_REVEALED", "yinfeng.worker").get(0).detail()).isEqualTo("联系缴费");
    }

    @Test
    void aReferenceIssuedToOneUserRevealsNothingToAnother() throws Exception {
        String id = idNumber();
        long residentId = registerInYinfeng(id);
        String page = mvc.perform(get("/residents/" + residentId).with(as("yinfeng.worker")).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString();
        String reference = references(page).get(0);

        mvc.perform(post("/api/v1/personal-data/reveal").with(as("huaiyuan.staff")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"" + reference + "\",\"reason\":\"好奇\"}"))
                .andExpect(status().isBadRequest());
        assertThat(entries("ID_NUMBER_REVEALED", "huaiyuan.staff")).noneMatch(r -> Masking.maskDocumentNumber(id).equals(r.entityId()));
    }

    @Test
    void worklistExportsAreMaskedUnlessCountyStaffGiveAReasonAndEveryExportIsAudited() throws Exception {
        String id = idNumber();
        mvc.perform(post("/api/v1/payments").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"transactionId":"AUD-%s","idNumber":"%s","name":"测试","amount":"400","coverageYear":"2025","channel":"皖事通",
                                 "paidAt":"2024-10-08 09:30:00","collectingUnit":"国家税务总局怀远县税务局","collectingRegion":"340321"}"""
                                .formatted(System.nanoTime(), id)))
                .andExpect(status().is2xxSuccessful());
        mvc.perform(post("/api/v1/reconciliation/runs?coverageYear=2025").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk());
        String export = "/collection/340321/worklists/PAID_NOT_REGISTERED/export?coverageYear=2025";

        List<String> masked = idColumn(mvc.perform(get(export).with(as("huaiyuan.staff"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(masked).contains(Masking.maskDocumentNumber(id)).doesNotContain(id);
        assertThat(entries("WORKLIST_EXPORTED", "huaiyuan.staff").get(0).after()).contains("\"masked\": true");

        List<String> full = idColumn(mvc.perform(get(export + "&revealReason=核对退费").with(as("huaiyuan.staff")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(full).contains(id);
        assertThat(entries("WORKLIST_EXPORTED", "huaiyuan.staff").get(0)).satisfies(row -> {
            assertThat(row.after()).contains("\"masked\": false");
            assertThat(row.detail()).isEqualTo("核对退费");
        });

        mvc.perform(get("/collection/340321001000/worklists/PAID_NOT_REGISTERED/export?coverageYear=2025&revealReason=想看")
                        .with(as("yinfeng.worker")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theWorklistPageAndTheApiShowMaskedIdNumbers() throws Exception {
        String id = idNumber();
        mvc.perform(post("/api/v1/payments").with(httpBasic("huaiyuan.staff", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"transactionId":"AUD-%s","idNumber":"%s","name":"测试","amount":"400","coverageYear":"2025","channel":"皖事通",
                                 "paidAt":"2024-10-08 09:30:00","collectingUnit":"国家税务总局怀远县税务局","collectingRegion":"340321"}"""
                                .formatted(System.nanoTime(), id)))
                .andExpect(status().is2xxSuccessful());
        mvc.perform(post("/api/v1/reconciliation/runs?coverageYear=2025").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk());

        String page = mvc.perform(get("/collection/340321/worklists/PAID_NOT_REGISTERED?coverageYear=2025").with(as("huaiyuan.staff")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(Masking.maskDocumentNumber(id)).doesNotContain(id);
        String json = mvc.perform(get("/api/v1/reconciliation/worklists/340321?coverageYear=2025&category=PAID_NOT_REGISTERED&limit=1000")
                        .with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains(Masking.maskDocumentNumber(id)).doesNotContain(id);
    }

    @Test
    void anAdminSearchesTheAuditLogOfTheirProvinceOnly() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "nobody.from.audit.test").param("password", "x"));
        mvc.perform(get("/api/v1/residents?name=x").with(httpBasic("hailar.staff", PASSWORD)));
        String id = idNumber();
        registerInYinfeng(id);

        mvc.perform(get("/api/v1/audit?action=RESIDENT_REGISTERED&username=huaiyuan.staff&size=5").with(as("admin.ah")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].regionCode").value("340321001000"))
                .andExpect(jsonPath("$.total").isNumber());
        mvc.perform(get("/api/v1/audit?action=RESIDENT_REGISTERED&username=huaiyuan.staff").with(as("admin")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/audit?username=nobody.from.audit.test&action=LOGIN&result=FAILED").with(as("admin")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/v1/audit?regionCode=150000").with(as("admin.ah"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit").with(as("huaiyuan.staff"))).andExpect(status().isForbidden());

        String page = mvc.perform(get("/audit?action=LOGIN&result=FAILED").with(as("admin.ah")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"audit-rows\"").contains("nobody.from.audit.test");
    }

    private static List<String> idColumn(byte[] xlsx) throws Exception {
        List<String> ids = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                if (row.getRowNum() > 0 && row.getCell(1) != null) {
                    ids.add(row.getCell(1).getStringCellValue());
                }
            }
        }
        return ids;
    }
}
