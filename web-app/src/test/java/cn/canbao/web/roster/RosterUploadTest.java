package cn.canbao.web.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import cn.canbao.enrollment.person.ResidentIdNumber;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class RosterUploadTest {

    private static final String PASSWORD = "Canbao@2025";

    @Autowired
    MockMvc mvc;

    private static String idNumber() {
        String birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "340321" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private String upload(byte[] csv) throws Exception {
        return mvc.perform(multipart("/api/v1/rosters").file(new MockMultipartFile("file", "民政.csv", "text/csv", csv))
                        .param("rosterType", "CIVIL_AFFAIRS").param("coverageYear", Integer.toString(LocalDate.now().getYear()))
                        .param("sourceDate", LocalDate.now().minusDays(1).toString())
                        .with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
    }

    private static String id(String json) {
        return json.replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
    }

    @Test
    void aCountyUserUploadsARosterWithABadRowFollowsItsProgressAndDownloadsTheErrorReport() throws Exception {
        byte[] csv = ("姓名,证件号码,所属乡镇村代码,身份类别\n王一," + idNumber() + ",340321001000,低保对象\n王二,123,340321001000,低保对象\n")
                .getBytes(StandardCharsets.UTF_8);
        String importId = id(upload(csv));

        String status = "";
        for (int i = 0; i < 100 && !status.contains("COMPLETED"); i++) {
            Thread.sleep(100);
            status = mvc.perform(get("/api/v1/rosters/" + importId).with(httpBasic("huaiyuan.staff", PASSWORD)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        }
        assertThat(status).contains("\"status\":\"COMPLETED\"").contains("\"rowsImported\":1").contains("\"rowsRejected\":1");

        String report = mvc.perform(get("/api/v1/rosters/" + importId + "/error-report").with(httpBasic("huaiyuan.staff", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("行号,字段,原因").contains("3,证件号码,身份证号码应为18位");

        assertThat(id(upload(csv))).as("the same file again is the same import").isEqualTo(importId);
    }

    @Test
    void aTownshipWorkerCannotReadAnImportOfTheCounty() throws Exception {
        byte[] csv = ("姓名,证件号码,所属乡镇村代码,身份类别\n赵一," + idNumber() + ",340321002000,特困人员\n").getBytes(StandardCharsets.UTF_8);
        String importId = id(upload(csv));

        mvc.perform(get("/api/v1/rosters/" + importId).with(httpBasic("yinfeng.worker", PASSWORD))).andExpect(status().isForbidden());
    }
}
