package cn.canbao.web.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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

import cn.canbao.enrollment.person.ResidentIdNumber;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class ResidentPagesAndApiTest {

    private static final String PASSWORD = "Canbao@2025";
    private static final String YINFENG = "340321001000";
    private static final String WANGHUAI = "340321002000";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private static String idNumber() {
        String birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "340321" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String residentJson(String name, String id, String region) {
        return """
                {"name":"%s","documentType":"RESIDENT_ID","documentNumber":"%s","regionCode":"%s","category":"RESIDENT","phone":"13812345678"}
                """.formatted(name, id, region);
    }

    private long registerInWanghuaiAsCountyStaff() throws Exception {
        String body = mvc.perform(post("/api/v1/residents").with(httpBasic("huaiyuan.staff", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(residentJson("望淮居民", idNumber(), WANGHUAI)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.maskedDocumentNumber").value(org.hamcrest.Matchers.containsString("********")))
                .andExpect(jsonPath("$.maskedPhone").value("138****5678"))
                .andReturn().getResponse().getContentAsString();
        return Long.parseLong(body.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
    }

    @Test
    void aTownshipWorkerGets403ForAResidentOfAnotherTownshipOverTheApi() throws Exception {
        long id = registerInWanghuaiAsCountyStaff();

        mvc.perform(get("/api/v1/residents/" + id).with(httpBasic("yinfeng.worker", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/residents/" + id).with(httpBasic("huaiyuan.staff", PASSWORD))).andExpect(status().isOk());
    }

    @Test
    @WithUserDetails("yinfeng.worker")
    void aTownshipWorkerIsRefusedTheResidentPageOfAnotherTownship() throws Exception {
        long id = registerInWanghuaiAsCountyStaff();

        mvc.perform(get("/residents/" + id).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
    }

    @Test
    void aTownshipWorkerCannotRegisterSomeoneInAnotherTownshipAndNothingIsStored() throws Exception {
        String id = idNumber();

        mvc.perform(post("/api/v1/residents").with(httpBasic("yinfeng.worker", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(residentJson("越界", id, WANGHUAI)))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT count(*) FROM resident WHERE document_number = :n").param("n", id).query(Long.class).single()).isZero();
    }

    @Test
    void invalidInputIsA400WithTheProblemPerField() throws Exception {
        mvc.perform(post("/api/v1/residents").with(httpBasic("yinfeng.worker", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(residentJson("张三", "110105194912310021", YINFENG)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("documentNumber"));
    }

    @Test
    @WithUserDetails("yinfeng.worker")
    void aTownshipWorkerRegistersAHouseholdAndEnrollsItsHeadInTheBrowser() throws Exception {
        String location = mvc.perform(post("/residents/households").with(csrf())
                        .param("regionCode", YINFENG).param("address", "引凤街道幸福路1号"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String householdId = location.substring(location.lastIndexOf('/') + 1);

        String badForm = mvc.perform(post("/residents/new").with(csrf()).param("name", "李四").param("documentType", "RESIDENT_ID")
                        .param("documentNumber", "110105194912310021").param("regionCode", YINFENG).param("category", "RESIDENT")
                        .param("householdId", householdId))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(badForm).contains("is-invalid").contains("校验位");

        String residentLocation = mvc.perform(post("/residents/new").with(csrf()).param("name", "李四").param("documentType", "RESIDENT_ID")
                        .param("documentNumber", idNumber()).param("regionCode", YINFENG).param("category", "RESIDENT")
                        .param("householdId", householdId).param("relationToHead", "户主"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String residentId = residentLocation.substring(residentLocation.lastIndexOf('/') + 1);
        mvc.perform(post("/residents/" + residentId + "/enrollments").with(csrf()).param("coverageYear", Integer.toString(LocalDate.now().getYear() + 1)))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/residents/households/" + householdId).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("李四")));
        mvc.perform(get("/residents/" + residentId).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("已登记")));
        mvc.perform(get("/enrollments").param("regionCode", YINFENG).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("李四")));
    }

    @Test
    @WithUserDetails("huaiyuan.staff")
    void theEnrollmentExportIsAnXlsxWithMaskedIdNumbers() throws Exception {
        byte[] xlsx = mvc.perform(get("/enrollments/export").param("coverageYear", Integer.toString(LocalDate.now().getYear() + 1)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        assertThat(xlsx).startsWith(new byte[] {0x50, 0x4B, 0x03, 0x04});
    }
}
