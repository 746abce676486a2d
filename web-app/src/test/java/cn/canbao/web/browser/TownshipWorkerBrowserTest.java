package cn.canbao.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import cn.canbao.enrollment.person.ResidentIdNumber;

/** The township worker's main task: register a household, head and members, through the forms. */
class TownshipWorkerBrowserTest extends BrowserTest {

    private static final String VILLAGE = "340321001201";

    @Test
    void aTownshipWorkerRegistersAHouseholdHeadAndMemberAndFindsThemInTheSearch() {
        logIn("yinfeng.worker");
        assertThat(pageText()).contains("您好，引凤街道工作人员").contains("引凤街道演示一村");
        screenshot("home-township-worker");

        browser.findElement(By.id("home-residents")).click();
        WebElement household = waitFor(By.id("new-household"));
        household.findElement(By.name("regionCode")).sendKeys(VILLAGE);
        household.findElement(By.name("householdNumber")).sendKeys("YF-E2E-001");
        household.findElement(By.name("address")).sendKeys("引凤街道演示一村3组8号");
        household.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(waitFor(By.id("household-number")).getText()).isEqualTo("YF-E2E-001");

        String head = idNumber(LocalDate.of(1968, 3, 14), 11);
        browser.findElement(By.id("add-member")).click();
        assertThat(waitFor(By.id("regionCode")).getAttribute("value")).isEqualTo(VILLAGE);
        browser.findElement(By.id("name")).sendKeys("周建国");
        browser.findElement(By.id("documentNumber")).sendKeys(head.substring(0, 17) + wrongCheck(head));
        browser.findElement(By.id("relationToHead")).sendKeys("户主");
        click(By.id("save-resident"));

        WebElement documentNumber = waitFor(By.id("documentNumber"));
        assertThat(documentNumber.getAttribute("class")).contains("is-invalid");
        WebElement error = browser.findElement(By.id("documentNumber-error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).contains("校验");
        screenshot("resident-form-error");

        documentNumber.clear();
        documentNumber.sendKeys(head);
        click(By.id("save-resident"));
        assertThat(waitFor(By.id("resident-name")).getText()).isEqualTo("周建国");
        assertThat(pageText()).contains("已保存").contains("1968-03-14").doesNotContain(head);

        browser.findElement(By.id("enroll-year")).sendKeys("2025");
        click(By.id("enroll-submit"));
        assertThat(waitFor(By.id("enrollments")).getText()).contains("2025").contains("已登记");

        browser.findElement(By.id("resident-household")).click();
        waitFor(By.id("add-member")).click();
        String wife = idNumber(LocalDate.of(1970, 7, 2), 22);
        waitFor(By.id("name")).sendKeys("吴秀兰");
        browser.findElement(By.id("documentNumber")).sendKeys(wife);
        browser.findElement(By.id("relationToHead")).sendKeys("配偶");
        new Select(browser.findElement(By.id("category"))).selectByValue("RESIDENT");
        click(By.id("save-resident"));
        assertThat(waitFor(By.id("resident-name")).getText()).isEqualTo("吴秀兰");
        assertThat(pageText()).contains("女");

        browser.findElement(By.id("resident-household")).click();
        String members = waitFor(By.id("household-members")).getText();
        assertThat(members).contains("周建国").contains("户主").contains("吴秀兰").contains("配偶").contains("340321********");
        screenshot("household");

        open("/residents");
        waitFor(By.name("name")).sendKeys("周建国");
        browser.findElement(By.id("resident-search-submit")).click();
        assertThat(waitFor(By.id("residents")).getText()).contains("周建国").contains(VILLAGE).doesNotContain("吴秀兰");

        logOut();
        assertThat(pageText()).contains("您已安全退出");
    }

    /** A valid GB 11643 number of a person registered in 怀远县; odd sequence digits are men, even ones women. */
    private static String idNumber(LocalDate birth, int sequence) {
        String first17 = "340321" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static char wrongCheck(String idNumber) {
        return idNumber.charAt(17) == '0' ? '1' : '0';
    }
}
