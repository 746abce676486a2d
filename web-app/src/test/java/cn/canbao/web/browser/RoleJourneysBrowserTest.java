package cn.canbao.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

class RoleJourneysBrowserTest extends BrowserTest {

    @Test
    void aTownshipWorkerLogsInSeesTheirVillagesAndLogsOut() {
        logIn("yinfeng.worker");
        assertThat(pageText()).contains("您好，引凤街道工作人员").contains("引凤街道演示一村");

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
    void aSupervisorDrillsDownFromTheCityToACountyToATownshipByClicking() {
        logIn("hlbe.supervisor");
        assertThat(pageText()).contains("满洲里市").contains("根河市");
        screenshot("home-supervisor");

        browser.findElement(By.linkText("进度看板")).click();
        assertThat(waitFor(By.id("dashboard-title")).getText()).contains("呼伦贝尔市");
        waitFor(By.cssSelector("#chart-units canvas"));
        waitFor(By.cssSelector("#chart-trend canvas"));
        screenshot("dashboard-city");

        browser.findElement(By.cssSelector("#units")).findElement(By.linkText("海拉尔区")).click();
        assertThat(waitFor(By.id("dashboard-title")).getText()).contains("海拉尔区");
        browser.findElement(By.cssSelector("#units")).findElement(By.linkText("海拉尔区演示街道1")).click();
        assertThat(waitFor(By.id("dashboard-title")).getText()).contains("海拉尔区演示街道1");
        assertThat(browser.findElement(By.cssSelector(".breadcrumb")).getText()).contains("呼伦贝尔市").contains("海拉尔区");
        screenshot("dashboard-township");
        logOut();
    }

    @Test
    void anAdministratorCreatesAUserCorrectingAWrongFieldAndSeesItInTheList() {
        logIn("admin");
        assertThat(pageText()).contains("政策版本");
        click(By.linkText("用户管理"));
        click(By.id("new-user"));
        String username = "hailar.new" + System.nanoTime() % 100_000;
        waitFor(By.id("username")).sendKeys(username);
        browser.findElement(By.id("displayName")).sendKeys("海拉尔区新工作人员");
        new Select(browser.findElement(By.id("role"))).selectByValue("TOWNSHIP_WORKER");
        browser.findElement(By.id("regionCode")).clear();
        browser.findElement(By.id("regionCode")).sendKeys("150702");
        browser.findElement(By.id("initialPassword")).sendKeys("Start#2026x");
        click(By.id("create-user"));

        assertThat(waitFor(By.id("regionCode-error")).getText()).isEqualTo("乡镇（村）工作人员须归属乡镇或村");
        screenshot("user-form-error");
        browser.findElement(By.id("regionCode")).clear();
        browser.findElement(By.id("regionCode")).sendKeys("150702001000");
        browser.findElement(By.id("initialPassword")).sendKeys("Start#2026x");
        click(By.id("create-user"));

        assertThat(waitFor(By.id("user-created")).getText()).contains(username);
        assertThat(browser.findElement(By.id("user-" + username)).getText()).contains("乡镇（村）工作人员").contains("待改密");
        screenshot("users");
        logOut();
    }

    @Test
    void onAPhoneSizedScreenTheMenuFoldsAndTheWorkersPagesFitTheWidth() {
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn("wanghuai.worker");
        assertThat(browser.findElement(By.cssSelector(".navbar-toggler")).isDisplayed()).isTrue();
        assertFitsTheScreen();
        screenshot("home-township-worker-phone");
        for (String page : List.of("/residents", "/residents/new", "/enrollments", "/collection/340321002000/lapses", "/dashboard")) {
            open(page);
            waitFor(By.tagName("h1"));
            assertThat(browser.findElements(By.cssSelector(".alert-warning[role=alert]"))).as("error page on %s", page).isEmpty();
            assertFitsTheScreen();
        }
        open("/residents/new");
        screenshot("resident-form-phone");
        logOut();
        assertThat(pageText()).contains("您已安全退出");
    }

    /** Nothing sticks out sideways: the page scrolls only vertically (wide tables scroll inside their own box). */
    private void assertFitsTheScreen() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long pageWidth = (Long) js.executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) js.executeScript("return window.innerWidth;");
        assertThat(pageWidth).as("page width on %s", browser.getCurrentUrl()).isLessThanOrEqualTo(viewport);
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
