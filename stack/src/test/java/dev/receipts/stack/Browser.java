package dev.receipts.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver ({@code apt-get install chromium
 * chromium-driver}), with the flags this offline machine needs.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser headlessChromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium is not installed: apt-get install -y chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("receipts-chromium");
        ChromeOptions options = new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** Opens the app, which sends an anonymous visitor to the login page, and signs in there. */
    void signIn(String baseUrl, String user, String password) {
        driver.get(baseUrl + "/index.html");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.name("j_username")).sendKeys(user);
        driver.findElement(By.name("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/index.html"));
    }

    /** A recipient's row in the Sent receipts table; reloads until it appears. */
    Row recipientRow(String messageId, String recipient) {
        By selector = By.cssSelector("[data-message-id=\"" + messageId.replace("\"", "\\\"") + "\"] [data-recipient=\""
            + recipient + "\"]");
        WebElement row = new WebDriverWait(driver, Duration.ofSeconds(30))
            .until(ExpectedConditions.presenceOfElementLocated(selector));
        return new Row(row.getAttribute("data-delivery-state"), row.getAttribute("data-disposition-state"), row.getText());
    }

    record Row(String deliveryState, String dispositionState, String text) {
    }

    /** Opens a page of the signed-in app. */
    void open(String url) {
        driver.get(url);
    }

    /** The first element matching a CSS selector, waiting up to 30 s for it to appear. */
    WebElement waitFor(String cssSelector) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
            .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(cssSelector)));
    }

    /** Runs a script in the page and returns its result. */
    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Runs an asynchronous script (its last argument is the callback) and returns what it passed back. */
    Object asyncScript(String javascript, Object... arguments) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
    }

    /** Waits up to {@code patience} until the condition holds (a non-null, non-false answer) and returns it. */
    <T> T waitUntil(Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience).until(condition);
    }

    void click(String cssSelector) {
        waitFor(cssSelector).click();
    }

    void type(String cssSelector, String text) {
        WebElement field = waitFor(cssSelector);
        field.clear();
        field.sendKeys(text);
    }

    List<WebElement> findAll(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    String pageSource() {
        return driver.getPageSource();
    }

    /** Resizes the window, e.g. to a phone's width for a narrow-screen screenshot. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void screenshot(Path target) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws java.io.IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
