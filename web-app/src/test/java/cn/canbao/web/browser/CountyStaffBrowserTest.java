package cn.canbao.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.canbao.enrollment.person.ResidentIdNumber;

/** County staff's main tasks: import a department roster with bad rows; follow today's work to a worklist. */
class CountyStaffBrowserTest extends BrowserTest {

    @Test
    void countyStaffImportARosterWithBadRowsSeeTheResultAndDownloadTheErrorReport() throws IOException {
        logIn("huaiyuan.staff");
        browser.findElement(By.linkText("名单导入")).click();

        String good = idNumber("340321", LocalDate.of(1958, 9, 30), 31);
        Path roster = Files.createTempDirectory("roster").resolve("民政局低保名单.csv");
        Files.writeString(roster, "姓名,证件号码,所属乡镇村代码,身份类别\n"
                + "孙桂兰," + good + ",340321001201,低保对象\n"
                + "钱有福,34032119580930003,340321001201,低保对象\n"
                + "李四海," + idNumber("150702", LocalDate.of(1960, 1, 5), 41) + ",150702001201,特困人员\n", StandardCharsets.UTF_8);
        new Select(waitFor(By.id("rosterType"))).selectByValue("CIVIL_AFFAIRS");
        assertThat(browser.findElement(By.id("coverageYear")).getAttribute("value")).isEqualTo("2025");
        browser.findElement(By.id("file")).sendKeys(roster.toAbsolutePath().toString());
        browser.findElement(By.id("roster-upload")).click();

        waitFor(By.id("progress"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("status"), "已完成"));
        assertThat(browser.findElement(By.id("rows-imported")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("rows-rejected")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("rejections")).getText()).contains("证件号码").contains("所属乡镇村代码");
        screenshot("roster-import-result");

        click(By.id("error-report"));
        String report = Files.readString(downloaded(".csv"), StandardCharsets.UTF_8);
        assertThat(report).contains("行号,字段,原因").contains("3,证件号码,身份证号码应为18位").containsPattern("4,所属乡镇村代码,");
        assertThat(report.lines().count()).isEqualTo(3);

        open("/");
        assertThat(waitFor(By.cssSelector("#work-roster-imports .badge")).getText()).isNotEqualTo("0");
        logOut();
    }

    @Test
    void countyStaffReconcileAPaymentFileAndFollowTodaysWorkToTheWorklist() throws IOException {
        logIn("hailar.staff");
        assertThat(waitFor(By.cssSelector("#work-difference-PAID_NOT_REGISTERED .badge")).getText()).isEqualTo("0");

        browser.findElement(By.linkText("征缴对账")).click();
        String unregistered = idNumber("150702", LocalDate.of(1975, 4, 8), 51);
        Path payments = Files.createTempDirectory("payments").resolve("海拉尔区税务缴费明细.csv");
        Files.writeString(payments, "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码\n"
                + "E2E-HLR-1," + unregistered + ",郑未登,380,2025,微信,2024-12-19 09:30:00,海拉尔区税务局,150702\n"
                + "E2E-HLR-2,15070219750408,郑错号,380,2025,微信,2024-12-19 09:31:00,海拉尔区税务局,150702\n", StandardCharsets.UTF_8);
        waitFor(By.id("file")).sendKeys(payments.toAbsolutePath().toString());
        click(By.cssSelector("form[action='/collection/imports'] button[type=submit]"));
        assertThat(waitFor(By.id("counts")).getText()).contains("2").contains("1");

        browser.findElement(By.linkText("征缴对账")).click();
        click(By.cssSelector("form[action='/collection/reconciliation'] button[type=submit]"));
        waitFor(By.cssSelector(".alert-success"));

        browser.findElement(By.linkText("首页")).click();
        assertThat(waitFor(By.cssSelector("#work-payment-imports .badge")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#work-difference-PAID_NOT_REGISTERED .badge")).getText()).isEqualTo("1");
        screenshot("home-county-staff");

        click(By.id("work-difference-PAID_NOT_REGISTERED"));
        assertThat(waitFor(By.tagName("h1")).getText()).contains("已缴费未登记");
        assertThat(pageText()).contains("郑未登").contains("E2E-HLR-1");
        screenshot("worklist-paid-not-registered");

        browser.navigate().back();
        click(By.id("work-payment-imports"));
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("待核查的缴费数据导入");
        assertThat(pageText()).contains("证件号码").contains("拒绝 1 行");
        logOut();
    }

    private static String idNumber(String county, LocalDate birth, int sequence) {
        String first17 = county + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }
}
