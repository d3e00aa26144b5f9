package dev.receipts.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Each role's main path through the pages in a real headless Chromium, against a real James 3.8.1 and the real
 * service: alice watches bob's read receipt arrive on her open Sent receipts page without reloading; carol finds
 * every report about bob in one search and exports it; admin sees the James node and its backlog on the health
 * page; and subjects, display names and addresses carrying script and HTML stay inert text. Screenshots of the
 * main pages go to {@code target/screenshots/} (the web-ui README describes them).
 */
class WebUiIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String BOB = "bob@corp.example";
    private static final String IMG_PAYLOAD = "<img src=x onerror=window.__xss=1>";
    private static final String SCRIPT_PAYLOAD = "<script>window.__xss=1</script>";

    @TempDir
    static Path data;

    static Stack stack;
    static ReceiptsApi api;
    static MailClient alice;
    static MailClient bob;
    static Path screenshots;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.startOnFreePorts(data);
        api = new ReceiptsApi(stack.service().baseUrl());
        alice = stack.mailClient("alice@corp.example");
        bob = stack.mailClient(BOB);
        screenshots = Files.createDirectories(Path.of("target", "screenshots"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aliceShouldWatchBobsReadReceiptAppearOnHerOpenPageWithoutReloading() throws Exception {
        try (Browser browser = Browser.headlessChromium()) {
            signIn(browser, alice.address());
            browser.open(base() + "/index.html");
            browser.waitFor("body[data-loaded=\"true\"]");
            browser.waitFor("body[data-live-state=\"open\"]");
            browser.script("window.__noReload = 'still the same page';");

            String messageId = Conversation.sendWithReadReceipt(alice, bob, "Quarterly figures", "env-" + UUID.randomUUID());
            String row = rowSelector(messageId, BOB);
            browser.waitUntil(PATIENCE, driver -> !browser.findAll(row).isEmpty());
            Conversation.answerReadReceipt(bob, messageId);

            browser.waitUntil(PATIENCE, driver -> !browser.findAll(row + "[data-disposition-state=\"DISPLAYED\"]").isEmpty());
            WebElement bobsRow = browser.waitFor(row);
            assertThat(bobsRow.getAttribute("data-live-updated")).as("the row was updated by a server-sent event").isNotBlank();
            assertThat(bobsRow.getAttribute("data-verification")).isEqualTo("AUTHENTICATED");
            assertThat(bobsRow.getText()).contains("Displayed").contains("Verified");
            assertThat(browser.script("return window.__noReload;")).as("no reload, no navigation").isEqualTo("still the same page");
            assertThat(browser.currentUrl()).endsWith("/index.html");
            browser.screenshot(screenshots.resolve("sent-receipts-live.png"));

            browser.waitFor(row + " a[data-timeline-link]").click();
            browser.waitFor("body[data-loaded=\"true\"]");
            WebElement mdnEntry = browser.waitFor("section[data-recipient=\"" + BOB + "\"] tr[data-timeline-kind=\"MDN\"][data-report-id]");
            String reportId = mdnEntry.getAttribute("data-report-id");
            browser.click("button[data-show-report=\"" + reportId + "\"]");
            WebElement disposition = browser.waitFor("[data-report-fields-for=\"" + reportId + "\"] [data-report-field]");
            assertThat(disposition.isDisplayed()).isTrue();
            browser.screenshot(screenshots.resolve("message-timeline.png"));

            browser.resize(390, 844);
            browser.open(base() + "/index.html");
            browser.waitFor("body[data-loaded=\"true\"]");
            browser.screenshot(screenshots.resolve("sent-receipts-narrow.png"));
        }
    }

    @Test
    void carolShouldFindEveryReportAboutBobInOneSearchAndExportItAsCsv() throws Exception {
        String messageId = Conversation.sendWithReadReceipt(alice, bob, "Travel plans", "env-" + UUID.randomUUID());
        Conversation.answerReadReceipt(bob, messageId);
        String carol = "carol@corp.example";
        String query = "recipient=" + URLEncoder.encode(BOB, StandardCharsets.UTF_8);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answered(api.get("/api/v1/compliance/reports?" + query + "&size=200", carol))
                .path("items"))
            .filteredOn(item -> item.path("originalMessageId").asText().equals(messageId))
            .extracting(item -> item.path("type").asText())
            .contains("delivery-status", "disposition-notification"));
        long expected = api.get("/api/v1/compliance/reports/count?" + query, carol).body().path("count").asLong();

        try (Browser browser = Browser.headlessChromium()) {
            signIn(browser, carol);
            browser.open(base() + "/search.html");
            browser.waitFor("body[data-loaded=\"true\"]");
            browser.click("[data-search-tab=\"reports\"]");
            browser.type("#r-recipient", BOB);
            browser.click("[data-search-submit=\"reports\"]");
            browser.waitFor("[data-search-results=\"reports\"][data-search-state=\"done\"]");

            assertThat(browser.waitFor("[data-search-count=\"reports\"]").getAttribute("data-count"))
                .isEqualTo(String.valueOf(expected));
            String ours = "[data-search-results=\"reports\"] tr[data-original-message-id=\"" + messageId + "\"]";
            assertThat(browser.findAll(ours)).extracting(row -> row.getAttribute("data-report-type"))
                .contains("delivery-status", "disposition-notification");
            assertThat(browser.findAll("[data-search-results=\"reports\"] tr[data-report-id]"))
                .allSatisfy(row -> assertThat(row.getAttribute("data-recipients")).contains(BOB));
            browser.screenshot(screenshots.resolve("search-reports.png"));

            browser.click("button[data-export=\"csv\"][data-export-kind=\"reports\"]");
            WebElement progress = browser.waitUntil(PATIENCE, driver -> browser.findAll(
                "progress[data-export-progress=\"reports\"][data-export-state=\"done\"]").stream().findFirst().orElse(null));
            assertThat(progress.getAttribute("data-rows")).isEqualTo(progress.getAttribute("data-total"));
            String csv = (String) browser.asyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(document.querySelector('[data-export-download=\"reports\"]').href)"
                + ".then(function (r) { return r.text(); }).then(done, function (e) { done('failed: ' + e); });");
            assertThat(csv.lines().findFirst().orElse("")).as("a header line").isNotBlank();
            assertThat(csv).contains(messageId).contains(BOB);
            browser.screenshot(screenshots.resolve("search-export.png"));

            ReceiptsApi.Answer export = api.get("/api/v1/compliance/reports/export?" + query + "&format=csv", carol);
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.body().asText()).contains(messageId);

            browser.click(ours + "[data-report-type=\"disposition-notification\"] a[data-report-link]");
            browser.waitFor("body[data-loaded=\"true\"]");
            WebElement report = browser.waitFor("section[data-report][data-report-type=\"disposition-notification\"]");
            assertThat(report.getAttribute("data-correlation")).isEqualTo("CORRELATED");
            assertThat(browser.findAll("[data-report-fields] [data-report-field]")).isNotEmpty();
            browser.screenshot(screenshots.resolve("report-detail.png"));
        }
    }

    @Test
    void adminShouldSeeTheJamesNodeWithItsBacklogOnTheHealthPage() throws Exception {
        Conversation.sendWithReadReceipt(alice, bob, "Health check", null);
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/admin/health", "admin@corp.example").body().path("nodes").size() > 0);
        String token = Stack.secret(data, "ingest-token");

        try (Browser browser = Browser.headlessChromium()) {
            signIn(browser, "admin@corp.example");
            browser.open(base() + "/health.html");
            browser.waitFor("body[data-loaded=\"true\"]");
            WebElement node = browser.waitFor("[data-health-nodes] tr[data-node]");
            assertThat(node.getAttribute("data-node")).isNotBlank();
            assertThat(node.findElement(By.cssSelector("td[data-cell=\"spoolBacklog\"]")).getText())
                .matches("\\d[\\d,. ]*");
            assertThat(browser.findAll("[data-health-config] tr[data-config-key]")).isNotEmpty();
            assertThat(browser.pageSource()).as("the ingest token is masked").doesNotContain(token);
            browser.screenshot(screenshots.resolve("health.png"));

            browser.open(base() + "/charts.html");
            browser.waitFor("body[data-loaded=\"true\"]");
            assertThat(browser.waitFor("[data-chart=\"outcomes\"]").getAttribute("data-chart-rendered")).isIn("true", "empty");
            assertThat(browser.findAll("[data-chart-table=\"outcomes\"] table")).isNotEmpty();
            browser.screenshot(screenshots.resolve("charts.png"));
        }
    }

    @Test
    void scriptAndHtmlInSubjectDisplayNameAndAddressShouldStayInertOnAlicesAndCarolsPages() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@corp.example>";
        String imgAddress = "\"" + IMG_PAYLOAD + "\"@corp.example";
        String scriptAddress = "\"" + SCRIPT_PAYLOAD + "\"@corp.example";
        MimeMessage message = alice.parse("From: \"" + IMG_PAYLOAD + " " + SCRIPT_PAYLOAD + "\" <" + alice.address() + ">\r\n"
            + "To: " + imgAddress + ", " + scriptAddress + ", Bob <" + BOB + ">\r\n"
            + "Subject: " + SCRIPT_PAYLOAD + " " + IMG_PAYLOAD + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Disposition-Notification-To: \"" + SCRIPT_PAYLOAD + "\" <" + alice.address() + ">\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Nothing in this message may run in a page.\r\n");
        alice.send(message, new MailClient.Dsn("SUCCESS,FAILURE", "HDRS", null), imgAddress, scriptAddress, BOB);
        await().atMost(PATIENCE).until(() -> api.message(messageId, alice.address(), Stack.DEMO_USERS.get(alice.address()))
            .map(found -> found.path("recipients").size() == 3).orElse(false));

        try (Browser browser = Browser.headlessChromium()) {
            signIn(browser, alice.address());
            browser.open(base() + "/index.html");
            browser.waitFor("body[data-loaded=\"true\"]");
            WebElement section = browser.waitFor(sectionSelector(messageId));
            assertThat(section.getText()).contains(IMG_PAYLOAD).contains(SCRIPT_PAYLOAD);
            browser.open(base() + "/message.html?id=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8));
            browser.waitFor("body[data-loaded=\"true\"]");
            assertThat(browser.waitFor("[data-recipients]").getText()).contains(IMG_PAYLOAD);
            assertNothingRan(browser);
            browser.screenshot(screenshots.resolve("xss-inert-alice.png"));
        }

        String carol = "carol@corp.example";
        try (Browser browser = Browser.headlessChromium()) {
            signIn(browser, carol);
            browser.open(base() + "/search.html?tab=messages&sender=" + URLEncoder.encode(alice.address(), StandardCharsets.UTF_8));
            browser.waitFor("body[data-loaded=\"true\"]");
            browser.waitFor("[data-search-results=\"messages\"][data-search-state=\"done\"]");
            List<WebElement> rows = browser.findAll("[data-search-results=\"messages\"] tr[data-message-id=\""
                + messageId + "\"]");
            assertThat(rows).hasSize(3);
            assertThat(rows).extracting(WebElement::getText).anySatisfy(text -> assertThat(text).contains(IMG_PAYLOAD));
            browser.open(base() + "/search.html?tab=reports&domain=corp.example");
            browser.waitFor("[data-search-results=\"reports\"][data-search-state=\"done\"]");
            assertNothingRan(browser);
            browser.screenshot(screenshots.resolve("xss-inert-carol.png"));
        }
    }

    private static void assertNothingRan(Browser browser) {
        assertThat(browser.script("return typeof window.__xss;")).as("no payload executed").isEqualTo("undefined");
        assertThat(browser.findAll("main img, main script:not([src])")).as("no payload became an element").isEmpty();
    }

    private static void signIn(Browser browser, String user) {
        browser.signIn(base(), user, Stack.DEMO_USERS.get(user));
    }

    private static String base() {
        return stack.service().baseUrl();
    }

    private static String sectionSelector(String messageId) {
        return "section[data-message-id=\"" + messageId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static String rowSelector(String messageId, String recipient) {
        return sectionSelector(messageId) + " tr[data-recipient=\"" + recipient + "\"]";
    }

    /** The body of a 200 answer; any other status fails with the answer, so that a bad request never passes as empty. */
    private static com.fasterxml.jackson.databind.JsonNode answered(ReceiptsApi.Answer answer) {
        assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(200);
        return answer.body();
    }
}
