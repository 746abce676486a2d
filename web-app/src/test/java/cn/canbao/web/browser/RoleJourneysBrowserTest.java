package cn.canbao.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

class RoleJourneysBrowserTest extends BrowserTest {

    @Test
    void aTownshipWorkerLogsInSeesTheirVillagesAndLogsOut() {
        logIn("yinfeng.worker");
        assertThat(pageText()).contains("您好，引凤街道工作人员").contains("引凤街道演示一村");
        screenshot("home-township-worker");

        browser.findElement(By.linkText("引凤街道演示一村")).click();
        assertThat(waitFor(By.id("region-name")).getText()).isEqualTo("引凤街道演示一村");

        open("/");
        waitFor(By.id("my-lapses")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/collection/340321001000/lapses");
        assertThat(pageText()).doesNotContain("无权访问");

        logOut();
        assertThat(pageText()).contains("您已安全退出");
    }

    @Test
    void aTownshipWorkerWhoEditsTheUrlToAnotherTownshipIsRefused() {
        logIn("yinfeng.worker");
        open("/regions/340321002000");
        assertThat(pageText()).contains("无权访问").doesNotContain("望淮街道演示一村");
        screenshot("refused-other-township");
    }

    @Test
    void countyStaffSeeTheirTownshipsAndLogOut() {
        logIn("huaiyuan.staff");
        assertThat(pageText()).contains("今日工作").contains("龙亢农场");
        screenshot("home-county-staff");
        logOut();
    }

    @Test
    void aSupervisorSeesTheCountiesOfTheCity() {
        logIn("hlbe.supervisor");
        assertThat(pageText()).contains("满洲里市").contains("根河市");
        screenshot("home-supervisor");
        logOut();
    }

    @Test
    void aSupervisorOpensTheDashboardWithItsChartsAndDrillsDownToACounty() {
        logIn("hlbe.supervisor");
        open("/dashboard");
        assertThat(waitFor(By.id("dashboard-title")).getText()).contains("呼伦贝尔市");
        waitFor(By.cssSelector("#chart-units canvas"));
        waitFor(By.cssSelector("#chart-trend canvas"));
        screenshot("dashboard-city");
        browser.findElement(By.linkText("海拉尔区")).click();
        assertThat(waitFor(By.id("dashboard-title")).getText()).contains("海拉尔区");
        logOut();
    }

    @Test
    void anAdministratorReachesThePolicyEntry() {
        logIn("admin");
        assertThat(pageText()).contains("政策版本");
        logOut();
    }

    @Test
    void onAPhoneSizedScreenTheMenuFoldsAndStillWorks() {
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn("wanghuai.worker");
        assertThat(browser.findElement(By.cssSelector(".navbar-toggler")).isDisplayed()).isTrue();
        screenshot("home-township-worker-phone");
        logOut();
        assertThat(pageText()).contains("您已安全退出");
    }

    @Test
    void aWrongPasswordShowsTheReasonOnTheLoginPage() {
        open("/login");
        browser.findElement(By.id("username")).sendKeys("yinfeng.worker");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("login-submit")).click();
        assertThat(waitFor(By.cssSelector(".alert-danger")).getText()).isEqualTo("用户名或密码错误");
        screenshot("login-failed");
    }
}
