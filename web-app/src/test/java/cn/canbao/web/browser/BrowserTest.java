package cn.canbao.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the end-to-end tests: the whole application on a random port with the demo data, driven by
 * Debian's headless Chromium through its chromedriver (installed by {@code .ci/run}; locally
 * {@code apt-get install chromium chromium-driver}). One browser per test class, a clean session per test.
 * The application clock stands inside the 2025 collection season, as in the demo, so defaults and windows
 * behave as they do during collection. Every class shares one application and one database: each journey
 * works in its own region or with its own names, so the order of classes and tests does not matter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"canbao.security.login-attempts-per-minute=1000",
        "canbao.clock.start=" + BrowserTest.CLOCK_START})
@ActiveProfiles("demo")
abstract class BrowserTest {

    static final String DEMO_PASSWORD = "Canbao@2025";
    static final String CLOCK_START = "2024-12-20T10:00:00+08:00";
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    static WebDriver browser;
    static Path downloads;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        File chromium = new File(System.getProperty("canbao.chromium", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("canbao.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium for the browser tests: apt-get install chromium chromium-driver").exists();
        assertThat(driver).as("chromedriver for the browser tests: apt-get install chromium-driver").exists();
        downloads = Files.createTempDirectory("canbao-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=zh-CN", "--user-data-dir=" + Files.createTempDirectory("canbao-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void laptopSizedWindowAndNoSession() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.manage().deleteAllCookies();
    }

    void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    void logIn(String username) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(DEMO_PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action='/logout']")));
    }

    void logOut() {
        WebElement toggler = browser.findElement(By.cssSelector(".navbar-toggler"));
        if (toggler.isDisplayed()) {
            toggler.click();
        }
        waitFor(By.cssSelector("form[action='/logout'] button")).click();
        waitFor(By.id("login-submit"));
    }

    /** Waits until the browser has finished downloading a file whose name ends so, and returns it. */
    Path downloaded(String suffix) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Clicks like a user who first scrolls the element to the middle of the screen. The scroll is instant (Bootstrap
     * makes it smooth, and a click during the animation lands on whatever passes under the pointer), and a click that
     * something still covers is tried again until the wait ends.
     */
    void click(By locator) {
        WebElement element = waitFor(locator);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
                element);
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(ElementClickInterceptedException.class).until(d -> {
            WebElement clickable = ExpectedConditions.elementToBeClickable(element).apply(d);
            if (clickable == null) {
                return false;
            }
            clickable.click();
            return true;
        });
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    String pageText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** Keeps the current page as docs/screenshots/NAME.png, the pictures the README shows. */
    void screenshot(String name) {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
