package cn.canbao.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

class PolicyBrowserTest extends BrowserTest {

    @Test
    void countyStaffReadTheirPolicyWithItsCitationsAndTryADibaoPerson() {
        logIn("huaiyuan.staff");
        open("/policies/340321/2025");
        assertThat(pageText()).contains("怀远县2025年度居民医保参保缴费工作方案").contains("二（一）");
        screenshot("policy-huaiyuan-2025");

        open("/policies/340321/2025/try");
        setDate("birthDate", "1970-05-01");
        new Select(browser.findElement(By.id("category"))).selectByValue("RESIDENT");
        setDate("paymentDate", "2024-10-08");
        browser.findElement(By.id("id-DIBAO")).click();
        browser.findElement(By.cssSelector("#try-form button[type=submit]")).click();

        assertThat(waitFor(By.id("try-standard")).getText()).isEqualTo("400.00");
        assertThat(browser.findElement(By.id("try-personal")).getText()).isEqualTo("60.00");
        assertThat(browser.findElement(By.id("try-explanation")).getText()).contains("340");
        screenshot("policy-try-a-person");
        logOut();
    }

    /** Date inputs take typed text in the browser's locale; setting the value is locale-proof. */
    private void setDate(String id, String isoDate) {
        WebElement input = browser.findElement(By.id(id));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, isoDate);
    }
}
