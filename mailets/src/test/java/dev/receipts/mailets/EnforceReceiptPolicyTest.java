package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.CLOCK;
import static dev.receipts.mailets.MailetFixtures.UNREACHABLE_SERVICE;
import static dev.receipts.mailets.MailetFixtures.config;
import static dev.receipts.mailets.MailetFixtures.message;
import static dev.receipts.mailets.MailetFixtures.servingCorpExample;
import static dev.receipts.mailets.MailetFixtures.snapshot;
import static dev.receipts.mailets.MailetFixtures.spooled;
import static dev.receipts.mailets.core.FakePolicyService.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.receipts.mailets.core.FakePolicyService;
import dev.receipts.mailets.core.Samples;

class EnforceReceiptPolicyTest {
    private static final String EMPLOYEES = "{\"bob@corp.example\":{\"internal\":\"ALWAYS\",\"external\":\"NEVER\"},"
        + "\"carol@corp.example\":{\"internal\":\"ASK\",\"external\":\"ASK\"}}";
    private static final String EMPLOYEE_CHOICE = snapshot("v1", "EMPLOYEE_CHOICE", "EMPLOYEE_CHOICE", EMPLOYEES);
    private static final String ORGANISATION_NEVER_INTERNAL = snapshot("v2", "NEVER", "EMPLOYEE_CHOICE", EMPLOYEES);
    private static final String PLAIN = "Message-ID: <plain@corp.example>\nFrom: bob@corp.example\nTo: partner@example.net\n"
        + "Subject: hello\n\nHello\n";
    private static final String BROKEN_MDN = "Message-ID: <broken@corp.example>\nFrom: bob@corp.example\n"
        + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"nowhere\"\n\n"
        + "no parts at all\n";

    @TempDir
    Path directory;

    private FakePolicyService service;
    private FakeMailContext context;
    private EnforceReceiptPolicy testee;

    @BeforeEach
    void setUp() throws Exception {
        service = new FakePolicyService().serve("v1", EMPLOYEE_CHOICE);
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@corp.example")).build();
        testee = new EnforceReceiptPolicy(CLOCK);
    }

    @AfterEach
    void tearDown() {
        testee.destroy();
        service.close();
    }

    private Path spool() {
        return directory.resolve("spool");
    }

    private FakeMailetConfig.Builder configuration(String serviceUrl, MailetContext mailetContext) {
        return config("EnforceReceiptPolicy", spool())
            .mailetContext(mailetContext)
            .setProperty("serviceUrl", serviceUrl)
            .setProperty("policyCache", directory.resolve("policy-cache.json").toString())
            .setProperty("policyRefresh", "PT1H");
    }

    private void init() throws MessagingException {
        testee.init(configuration(service.url().toString(), servingCorpExample(context)).build());
    }

    private static FakeMail mdn(String authUser, String... recipients) throws Exception {
        FakeMail.Builder builder = FakeMail.builder()
            .name("mdn-1")
            .mimeMessage(Samples.message("thunderbird-mdn-displayed.eml"))
            .sender("bob@corp.example")
            .recipients(recipients)
            .state(Mail.DEFAULT);
        if (authUser != null) {
            builder.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(authUser)));
        }
        return builder.build();
    }

    private JsonNode onlyEvent() {
        List<JsonNode> events = spooled(spool());
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void serviceShouldStopAnMdnToAnExternalRecipientWhenTheEmployeeSaysNever() throws Exception {
        init();
        FakeMail mail = mdn("Bob@Corp.Example", "partner@example.net");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        JsonNode event = onlyEvent();
        assertThat(event.get("type").asText()).isEqualTo("MDN_DECISION");
        assertThat(event.get("node").asText()).isEqualTo("mx1");
        assertThat(event.get("occurredAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(event.get("mailName").asText()).isEqualTo("mdn-1");
        assertThat(event.get("author").asText()).isEqualTo("bob@corp.example");
        assertThat(event.get("recipients").toString()).isEqualTo("[\"partner@example.net\"]");
        assertThat(event.get("audience").asText()).isEqualTo("EXTERNAL");
        assertThat(event.get("decision").asText()).isEqualTo("STOPPED");
        assertThat(event.get("policy").toString()).isEqualTo("{\"source\":\"EMPLOYEE\",\"choice\":\"NEVER\",\"version\":\"v1\"}");
        assertThat(event.get("originalMessageId").asText()).isEqualTo("<abc@corp.example>");
        assertThat(event.get("dispositionType").asText()).isEqualTo("displayed");
        assertThat(event.get("messageId").asText()).isEqualTo("<7c1d2e3f-aaaa-bbbb-cccc-0123456789ab@corp.example>");
        assertThat(event.get("noticeSent").asBoolean()).isTrue();
    }

    @Test
    void serviceShouldSendTheAuthorANoticeFromThePostmaster() throws Exception {
        init();

        testee.service(mdn("bob@corp.example", "partner@example.net"));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getSender()).isEqualTo(new MailAddress("postmaster@corp.example"));
            assertThat(sent.getRecipients()).containsExactly(new MailAddress("bob@corp.example"));
            assertThat(sent.getMsg().getSubject()).isEqualTo("Read receipt not sent");
            assertThat(sent.getMsg().getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            assertThat(sent.getMsg().getHeader("Disposition-Notification-To")).isNull();
            String text = (String) sent.getMsg().getContent();
            assertThat(text).contains("partner@example.net", "<abc@corp.example>", "your policy for external senders is NEVER");
        });
    }

    @Test
    void serviceShouldLetTheOrganisationsNeverWinOverTheEmployeesAlways() throws Exception {
        service.serve("v2", ORGANISATION_NEVER_INTERNAL);
        init();
        FakeMail mail = mdn("bob@corp.example", "alice@corp.example");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        JsonNode event = onlyEvent();
        assertThat(event.get("audience").asText()).isEqualTo("INTERNAL");
        assertThat(event.get("decision").asText()).isEqualTo("STOPPED");
        assertThat(event.get("policy").toString()).isEqualTo("{\"source\":\"ORGANISATION\",\"choice\":\"NEVER\",\"version\":\"v2\"}");
        assertThat((String) context.getSentMails().get(0).getMsg().getContent())
            .contains("the organisation's policy: no read receipt goes to internal senders");
    }

    @Test
    void serviceShouldSendAnMdnTheEmployeeAlwaysSendsWithoutTouchingIt() throws Exception {
        init();
        FakeMail mail = mdn("bob@corp.example", "alice@corp.example");
        List<Object> before = snapshot(mail);

        testee.service(mail);

        assertThat(snapshot(mail)).isEqualTo(before);
        JsonNode event = onlyEvent();
        assertThat(event.get("audience").asText()).isEqualTo("INTERNAL");
        assertThat(event.get("decision").asText()).isEqualTo("SENT");
        assertThat(event.get("policy").toString()).isEqualTo("{\"source\":\"EMPLOYEE\",\"choice\":\"ALWAYS\",\"version\":\"v1\"}");
        assertThat(event.get("noticeSent").asBoolean()).isFalse();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void serviceShouldTreatMixedRecipientsAsExternal() throws Exception {
        init();
        FakeMail mail = mdn("bob@corp.example", "alice@corp.example", "partner@example.net");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(onlyEvent().get("audience").asText()).isEqualTo("EXTERNAL");
    }

    @Test
    void serviceShouldLeaveItToTheClientWhenTheEmployeeAsks() throws Exception {
        init();
        FakeMail mail = mdn("carol@corp.example", "partner@example.net");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        JsonNode event = onlyEvent();
        assertThat(event.get("decision").asText()).isEqualTo("LEFT_TO_CLIENT");
        assertThat(event.get("policy").toString()).isEqualTo("{\"source\":\"EMPLOYEE\",\"choice\":\"ASK\",\"version\":\"v1\"}");
    }

    @Test
    void serviceShouldApplyTheDefaultToAnEmployeeWithoutPolicy() throws Exception {
        init();

        testee.service(mdn("erin@corp.example", "partner@example.net"));

        assertThat(onlyEvent().get("policy").toString()).isEqualTo("{\"source\":\"DEFAULT\",\"choice\":\"ASK\",\"version\":\"v1\"}");
    }

    @Test
    void serviceShouldApplyTheDefaultsWithoutVersionBeforeAnySnapshot() throws Exception {
        testee.init(configuration(UNREACHABLE_SERVICE, servingCorpExample(context)).build());
        FakeMail mail = mdn("bob@corp.example", "partner@example.net");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        JsonNode event = onlyEvent();
        assertThat(event.get("decision").asText()).isEqualTo("LEFT_TO_CLIENT");
        assertThat(event.get("policy").toString()).isEqualTo("{\"source\":\"DEFAULT\",\"choice\":\"ASK\",\"version\":null}");
    }

    @Test
    void serviceShouldEnforceTheCachedPolicyAfterARestartWithTheServiceDown() throws Exception {
        init();
        testee.destroy();
        testee = new EnforceReceiptPolicy(CLOCK);
        testee.init(configuration(UNREACHABLE_SERVICE, servingCorpExample(context)).build());
        FakeMail mail = mdn("bob@corp.example", "partner@example.net");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(onlyEvent().get("policy").get("version").asText()).isEqualTo("v1");
    }

    @Test
    void serviceShouldTakeTheEnvelopeSenderAsAuthorWithoutSmtpAuth() throws Exception {
        init();
        FakeMail mail = FakeMail.builder().name("mdn-2").mimeMessage(Samples.message("thunderbird-mdn-displayed.eml"))
            .sender("BOB@corp.example").recipients("partner@example.net").state(Mail.DEFAULT).build();

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(onlyEvent().get("author").asText()).isEqualTo("bob@corp.example");
    }

    @Test
    void serviceShouldLeaveMailOtherThanMdnsAlone() throws Exception {
        init();
        FakeMail plain = FakeMail.builder().name("plain").mimeMessage(message(PLAIN)).sender("bob@corp.example")
            .recipients("partner@example.net").attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("bob@corp.example")))
            .state(Mail.DEFAULT).build();
        FakeMail dsn = FakeMail.builder().name("dsn").mimeMessage(Samples.message("postfix-failed-two-recipients.eml"))
            .sender("bob@corp.example").recipients("partner@example.net").state(Mail.DEFAULT).build();
        List<Object> plainBefore = snapshot(plain);
        List<Object> dsnBefore = snapshot(dsn);

        testee.service(plain);
        testee.service(dsn);

        assertThat(snapshot(plain)).isEqualTo(plainBefore);
        assertThat(snapshot(dsn)).isEqualTo(dsnBefore);
        assertThat(spooled(spool())).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void serviceShouldDecideOnAnMdnWhoseReportPartIsMalformed() throws Exception {
        init();
        FakeMail mail = FakeMail.builder().name("broken").mimeMessage(message(BROKEN_MDN)).sender("bob@corp.example")
            .recipients("partner@example.net").state(Mail.DEFAULT).build();

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        JsonNode event = onlyEvent();
        assertThat(event.get("decision").asText()).isEqualTo("STOPPED");
        assertThat(event.get("originalMessageId").isNull()).isTrue();
        assertThat(event.get("dispositionType").isNull()).isTrue();
        assertThat(event.get("messageId").asText()).isEqualTo("<broken@corp.example>");
        assertThat((String) context.getSentMails().get(0).getMsg().getContent()).contains("no Original-Message-ID");
    }

    @Test
    void serviceShouldSendNoNoticeWhenNoticeIsFalse() throws Exception {
        testee.init(configuration(service.url().toString(), servingCorpExample(context)).setProperty("notice", "false").build());
        FakeMail mail = mdn("bob@corp.example", "partner@example.net");

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(onlyEvent().get("noticeSent").asBoolean()).isFalse();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void serviceShouldStopTheMdnEvenWhenTheNoticeCannotBeSent() throws Exception {
        MailetContext failingToSend = (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(),
            new Class<?>[] {MailetContext.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("sendMail")) {
                    throw new MessagingException("queue full");
                }
                return method.invoke(context, arguments);
            });
        testee.init(configuration(service.url().toString(), servingCorpExample(failingToSend)).build());
        FakeMail mail = mdn("bob@corp.example", "partner@example.net");

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        JsonNode event = onlyEvent();
        assertThat(event.get("decision").asText()).isEqualTo("STOPPED");
        assertThat(event.get("noticeSent").asBoolean()).isFalse();
    }

    @Test
    void serviceShouldStopTheMdnEvenWhenTheEventCannotBeSpooled() throws Exception {
        init();
        Path tmp = spool().resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "in the way");
        FakeMail mail = mdn("bob@corp.example", "partner@example.net");

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(spooled(spool())).isEmpty();
    }

    @Test
    void initShouldRejectAPolicyRefreshThatIsNotAnIsoDuration() {
        assertThatThrownBy(() -> testee.init(configuration(service.url().toString(), context).setProperty("policyRefresh", "15s").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("EnforceReceiptPolicy: 'policyRefresh' must be an ISO-8601 duration from PT1S to PT24H, such as PT15S, got [15s]");
    }

    @Test
    void initShouldRejectAPolicyRefreshOutOfRange() {
        assertThatThrownBy(() -> testee.init(configuration(service.url().toString(), context).setProperty("policyRefresh", "PT0.1S").build()))
            .hasMessage("EnforceReceiptPolicy: 'policyRefresh' must be an ISO-8601 duration from PT1S to PT24H, such as PT15S, got [PT0.1S]");
    }

    @Test
    void initShouldRejectANoticeThatIsNotABoolean() {
        assertThatThrownBy(() -> testee.init(configuration(service.url().toString(), context).setProperty("notice", "yes").build()))
            .hasMessage("EnforceReceiptPolicy: 'notice' must be true or false, got [yes]");
    }

    @Test
    void initShouldRejectAPolicyCacheInAnUnwritablePlace() throws Exception {
        Path file = directory.resolve("a-file");
        Files.writeString(file, "not a directory");

        assertThatThrownBy(() -> testee.init(configuration(service.url().toString(), context)
            .setProperty("policyCache", file.resolve("policy-cache.json").toString()).build()))
            .hasMessageStartingWith("EnforceReceiptPolicy: 'policyCache' must be a file in a writable directory, got [" + file);
    }

    @Test
    void initShouldRejectUnknownParameters() {
        assertThatThrownBy(() -> testee.init(configuration(service.url().toString(), context).setProperty("captureAll", "true").build()))
            .hasMessage("EnforceReceiptPolicy: unknown parameter [captureAll], expected one of "
                + "[serviceUrl, token, spoolDirectory, nodeName, policyCache, policyRefresh, notice]");
    }

    @Test
    void initShouldResolveARelativePolicyCacheAgainstTheWorkingDirectory() throws Exception {
        String previous = System.getProperty("working.directory");
        System.setProperty("working.directory", directory.toString());
        try {
            FakeMailetConfig.Builder withoutCache = config("EnforceReceiptPolicy", spool()).mailetContext(context)
                .setProperty("serviceUrl", service.url().toString());
            testee.init(withoutCache.build());
        } finally {
            if (previous == null) {
                System.clearProperty("working.directory");
            } else {
                System.setProperty("working.directory", previous);
            }
        }

        assertThat(testee.policyCache().file()).isEqualTo(directory.resolve("var/receipts/policy-cache.json"));
        assertThat(directory.resolve("var/receipts/policy-cache.json")).isRegularFile();
    }

    @Test
    void getMailetInfoShouldDescribeTheMailet() {
        assertThat(testee.getMailetInfo()).isEqualTo("Receipts: enforces the receipt policies on the read receipts local users send");
    }
}
