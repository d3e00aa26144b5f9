package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.CLOCK;
import static dev.receipts.mailets.MailetFixtures.config;
import static dev.receipts.mailets.MailetFixtures.message;
import static dev.receipts.mailets.MailetFixtures.snapshot;
import static dev.receipts.mailets.MailetFixtures.spooled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.receipts.mailets.core.Samples;
import dev.receipts.mailets.core.SpoolRegistry;

class CaptureReceiptRequestsTest {
    private static final String PLAIN = "Message-ID: <abc@corp.example>\n"
        + "From: =?UTF-8?Q?Al=C3=AFce?= <alice@corp.example>\n"
        + "To: bob@corp.example\n"
        + "Subject: Quarterly numbers\n"
        + "\n"
        + "Hello\n";

    @TempDir
    Path spool;

    private final CaptureReceiptRequests testee = new CaptureReceiptRequests(CLOCK);

    @AfterEach
    void tearDown() {
        testee.destroy();
    }

    private void init() throws MessagingException {
        testee.init(config("CaptureReceiptRequests", spool).build());
    }

    private void init(String captureAll) throws MessagingException {
        testee.init(config("CaptureReceiptRequests", spool).setProperty("captureAll", captureAll).build());
    }

    private static FakeMail mail(String raw) throws Exception {
        return FakeMail.builder()
            .name("mail-1")
            .mimeMessage(message(raw))
            .sender("alice@corp.example")
            .recipients("bob@corp.example", "carol@partner.example")
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@corp.example")))
            .state(Mail.DEFAULT)
            .build();
    }

    private static DsnParameters dsn() throws Exception {
        return DsnParameters.builder()
            .envId(DsnParameters.EnvId.of("env+2B123"))
            .ret(DsnParameters.Ret.HDRS)
            .addRcptParameter(new MailAddress("bob@corp.example"), DsnParameters.RecipientDsnParameters.of(
                EnumSet.of(DsnParameters.Notify.FAILURE, DsnParameters.Notify.SUCCESS), new MailAddress("bob@corp.example")))
            .addRcptParameter(new MailAddress("carol@partner.example"),
                DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.NEVER)))
            .build()
            .orElseThrow();
    }

    @Test
    void serviceShouldSpoolASubmittedEventWithTheDsnRequest() throws Exception {
        init();
        FakeMail mail = mail(PLAIN);
        mail.setDsnParameters(dsn());

        testee.service(mail);

        List<JsonNode> events = spooled(spool);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.get("type").asText()).isEqualTo("SUBMITTED");
        assertThat(event.get("node").asText()).isEqualTo("mx1");
        assertThat(event.get("occurredAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(event.get("mailName").asText()).isEqualTo("mail-1");
        assertThat(event.get("messageId").asText()).isEqualTo("<abc@corp.example>");
        assertThat(event.get("sender").asText()).isEqualTo("alice@corp.example");
        assertThat(event.get("authUser").asText()).isEqualTo("alice@corp.example");
        assertThat(event.get("fromHeader").asText()).isEqualTo("Al\u00efce <alice@corp.example>");
        assertThat(event.get("envelopeId").asText()).isEqualTo("env+123");
        assertThat(event.get("ret").asText()).isEqualTo("HDRS");
        assertThat(event.get("mdnRequest").isNull()).isTrue();
        assertThat(event.get("recipients").toString()).isEqualTo("["
            + "{\"address\":\"bob@corp.example\",\"notify\":[\"SUCCESS\",\"FAILURE\"],\"orcpt\":\"rfc822;bob@corp.example\"},"
            + "{\"address\":\"carol@partner.example\",\"notify\":[\"NEVER\"],\"orcpt\":null}]");
    }

    @Test
    void serviceShouldRecordTheMdnRequestHeader() throws Exception {
        init();

        testee.service(mail("Disposition-Notification-To: Alice <alice@corp.example>\n" + PLAIN));

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("mdnRequest").toString())
            .isEqualTo("{\"header\":\"Disposition-Notification-To\",\"address\":\"Alice <alice@corp.example>\"}");
        assertThat(event.get("envelopeId").isNull()).isTrue();
        assertThat(event.get("ret").isNull()).isTrue();
        assertThat(event.get("recipients").get(0).get("notify").size()).isZero();
    }

    @Test
    void serviceShouldRecordTheSubject() throws Exception {
        init("true");

        testee.service(mail(PLAIN));

        assertThat(spooled(spool).get(0).get("subject").asText()).isEqualTo("Quarterly numbers");
    }

    @Test
    void serviceShouldDecodeAnEncodedSubject() throws Exception {
        init("true");

        testee.service(mail(PLAIN.replace("Subject: Quarterly numbers",
            "Subject: =?UTF-8?Q?R=C3=A9union_=C3=A0_Z=C3=BCrich?=\n =?ISO-8859-1?Q?_caf=E9?=")));

        assertThat(spooled(spool).get(0).get("subject").asText()).isEqualTo("R\u00e9union \u00e0 Z\u00fcrich caf\u00e9");
    }

    @Test
    void serviceShouldWriteANullSubjectWhenThereIsNone() throws Exception {
        init("true");

        testee.service(mail(PLAIN.replace("Subject: Quarterly numbers\n", "")));

        assertThat(spooled(spool).get(0).get("subject").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Return-Receipt-To", "X-Confirm-Reading-To"})
    void serviceShouldRecordLegacyMdnRequestHeaders(String header) throws Exception {
        init();

        testee.service(mail(header + ": alice@corp.example\n" + PLAIN));

        assertThat(spooled(spool)).singleElement()
            .satisfies(event -> assertThat(event.get("mdnRequest").get("header").asText()).isEqualTo(header));
    }

    @Test
    void serviceShouldPreferDispositionNotificationTo() throws Exception {
        init();

        testee.service(mail("Return-Receipt-To: legacy@corp.example\nDisposition-Notification-To: alice@corp.example\n" + PLAIN));

        assertThat(spooled(spool).get(0).get("mdnRequest").get("address").asText()).isEqualTo("alice@corp.example");
    }

    @Test
    void serviceShouldSkipMailWithoutReceiptRequestByDefault() throws Exception {
        init();

        testee.service(mail(PLAIN));

        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldSkipMailWhoseOnlyNotifyIsNever() throws Exception {
        init();
        FakeMail mail = mail(PLAIN);
        mail.setDsnParameters(DsnParameters.builder()
            .addRcptParameter(new MailAddress("bob@corp.example"), DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.NEVER)))
            .build().orElseThrow());

        testee.service(mail);

        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldCaptureMailRequestingOnlyANotify() throws Exception {
        init();
        FakeMail mail = mail(PLAIN);
        mail.setDsnParameters(DsnParameters.builder()
            .addRcptParameter(new MailAddress("bob@corp.example"), DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.DELAY)))
            .build().orElseThrow());

        testee.service(mail);

        assertThat(spooled(spool)).singleElement()
            .satisfies(event -> assertThat(event.get("recipients").get(0).get("notify").toString()).isEqualTo("[\"DELAY\"]"));
    }

    @Test
    void serviceShouldCaptureEverySubmittedMailWhenCaptureAllIsTrue() throws Exception {
        init("true");

        testee.service(mail(PLAIN));

        assertThat(spooled(spool)).singleElement()
            .satisfies(event -> assertThat(event.get("type").asText()).isEqualTo("SUBMITTED"));
    }

    @Test
    void serviceShouldSkipMailWithTheNullSender() throws Exception {
        init("true");
        FakeMail mail = FakeMail.builder()
            .name("bounce")
            .mimeMessage(message("Disposition-Notification-To: alice@corp.example\n" + PLAIN))
            .sender(MaybeSender.nullSender())
            .recipient("bob@corp.example")
            .build();

        testee.service(mail);

        assertThat(spooled(spool)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"thunderbird-mdn-displayed.eml", "james-dsnbounce-delivered.eml"})
    void serviceShouldSkipReports(String sample) throws Exception {
        init("true");
        FakeMail mail = FakeMail.builder().name("report").mimeMessage(Samples.message(sample))
            .sender("bob@corp.example").recipient("alice@corp.example").build();

        testee.service(mail);

        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldNotModifyTheMail() throws Exception {
        init("true");
        FakeMail mail = mail("Disposition-Notification-To: alice@corp.example\n" + PLAIN);
        mail.setDsnParameters(dsn());
        List<Object> before = snapshot(mail);

        testee.service(mail);

        assertThat(snapshot(mail)).isEqualTo(before);
        assertThat(spooled(spool)).hasSize(1);
    }

    @Test
    void serviceShouldNotThrowWhenTheSpoolBecameUnwritable() throws Exception {
        init("true");
        Path tmp = spool.resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "in the way");
        FakeMail mail = mail(PLAIN);
        List<Object> before = snapshot(mail);

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        assertThat(snapshot(mail)).isEqualTo(before);
        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldNotThrowOnAMailWithoutMessage() throws Exception {
        init("true");
        FakeMail mail = FakeMail.builder().name("broken").sender("alice@corp.example").recipient("bob@corp.example").build();

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();
        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void initShouldRejectAnInvalidServiceUrl() {
        FakeMailetConfig config = config("CaptureReceiptRequests", spool).setProperty("serviceUrl", "ftp://x").build();

        assertThatThrownBy(() -> testee.init(config)).isInstanceOf(MessagingException.class)
            .hasMessage("CaptureReceiptRequests: 'serviceUrl' must be an absolute http(s) URL, got [ftp://x]");
    }

    @Test
    void initShouldRejectAMissingServiceUrl() {
        FakeMailetConfig config = FakeMailetConfig.builder().setProperty("token", "t").setProperty("spoolDirectory", spool.toString()).build();

        assertThatThrownBy(() -> testee.init(config)).isInstanceOf(MessagingException.class)
            .hasMessage("CaptureReceiptRequests: 'serviceUrl' must be an absolute http(s) URL such as http://127.0.0.1:8080, got []");
    }

    @Test
    void initShouldRejectABlankToken() {
        FakeMailetConfig config = config("CaptureReceiptRequests", spool).setProperty("token", " ").build();

        assertThatThrownBy(() -> testee.init(config)).isInstanceOf(MessagingException.class)
            .hasMessage("CaptureReceiptRequests: 'token' must be the non-blank shared ingest token, got [ ]");
    }

    @Test
    void initShouldSayTheTokenIsNotSet() {
        FakeMailetConfig config = config("CaptureReceiptRequests", spool).setProperty("token", "${env:RECEIPTS_INGEST_TOKEN}").build();

        assertThatThrownBy(() -> testee.init(config)).isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("CaptureReceiptRequests: 'token' is not set");
    }

    @Test
    void initShouldRejectAnUnknownParameter() {
        FakeMailetConfig config = config("CaptureReceiptRequests", spool).setProperty("captureall", "true").build();

        assertThatThrownBy(() -> testee.init(config)).isInstanceOf(MessagingException.class)
            .hasMessage("CaptureReceiptRequests: unknown parameter [captureall], expected one of "
                + "[serviceUrl, token, spoolDirectory, nodeName, captureAll, envelopeIdKey]");
    }

    @Test
    void initShouldAcceptJamesGenericParameters() throws Exception {
        testee.init(config("CaptureReceiptRequests", spool)
            .setProperty("onMailetException", "ignore")
            .setProperty("onMatchException", "nomatch")
            .build());

        assertThat(testee.settings().nodeName()).isEqualTo("mx1");
    }

    @Test
    void initShouldRejectABadBoolean() {
        FakeMailetConfig config = config("CaptureReceiptRequests", spool).setProperty("captureAll", "yes").build();

        assertThatThrownBy(() -> testee.init(config)).isInstanceOf(MessagingException.class)
            .hasMessage("CaptureReceiptRequests: 'captureAll' must be true or false, got [yes]");
    }

    @Test
    void initShouldRejectASpoolDirectoryThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(spool.resolve("a-file"), "x");
        FakeMailetConfig config = config("CaptureReceiptRequests", spool).setProperty("spoolDirectory", file.resolve("spool").toString()).build();

        assertThatThrownBy(() -> testee.init(config)).isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("CaptureReceiptRequests: 'spoolDirectory' must be a writable directory, got [" + file.resolve("spool") + "]");
    }

    @Test
    void initShouldRejectAnotherServiceUrlOnASharedSpool() throws Exception {
        init();
        RecordLocalDelivery other = new RecordLocalDelivery();
        FakeMailetConfig config = config("RecordLocalDelivery", spool).setProperty("serviceUrl", "http://127.0.0.1:10").build();

        assertThatThrownBy(() -> other.init(config)).isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("RecordLocalDelivery: spool [" + spool + "] is already used by another mailet with a different serviceUrl");
    }

    @Test
    void mailetsNamingTheSameSpoolShouldShareItUntilTheLastIsDestroyed() throws Exception {
        init();
        RecordLocalDelivery other = new RecordLocalDelivery();
        other.init(config("RecordLocalDelivery", spool).build());

        assertThat(other.spool()).isSameAs(testee.spool());
        assertThat(SpoolRegistry.references(spool)).isEqualTo(2);

        other.destroy();
        assertThat(testee.forwarder().isRunning()).isTrue();
        testee.destroy();
        assertThat(SpoolRegistry.references(spool)).isZero();
    }

    @Test
    void getMailetInfoShouldDescribeTheMailet() {
        assertThat(testee.getMailetInfo()).isEqualTo("Receipts: records MDN and DSN requests on mail submitted by local users");
    }


    private static final String ENVELOPE_KEY = "mailet-test-envelope-key-0123";

    private void initWithKey() throws MessagingException {
        testee.init(config("CaptureReceiptRequests", spool).setProperty("envelopeIdKey", ENVELOPE_KEY).build());
    }

    private static DsnParameters notifyWithoutEnvId(DsnParameters.Notify... notify) throws Exception {
        return DsnParameters.builder()
            .addRcptParameter(new MailAddress("bob@corp.example"), DsnParameters.RecipientDsnParameters.of(
                EnumSet.copyOf(List.of(notify)), new MailAddress("bob@corp.example")))
            .build()
            .orElseThrow();
    }

    @Test
    void serviceShouldAssignASignedEnvelopeIdWhenADsnIsRequestedWithoutOne() throws Exception {
        initWithKey();
        FakeMail mail = mail(PLAIN);
        mail.setDsnParameters(notifyWithoutEnvId(DsnParameters.Notify.SUCCESS, DsnParameters.Notify.FAILURE));

        testee.service(mail);

        String envId = mail.dsnParameters().orElseThrow().getEnvIdParameter().orElseThrow().asString();
        assertThat(envId).matches("rcpt\\.[0-9a-f]{32}\\.[0-9a-f]{32}");
        assertThat(new dev.receipts.contract.EnvelopeIds(ENVELOPE_KEY).verifies(envId)).isTrue();
        assertThat(new dev.receipts.contract.EnvelopeIds("another-key-0123456789").verifies(envId)).isFalse();
        // the per-recipient NOTIFY and ORCPT are kept
        assertThat(mail.dsnParameters().orElseThrow().getRcptParameters().get(new MailAddress("bob@corp.example"))
            .getNotifyParameter().orElseThrow()).containsExactlyInAnyOrder(DsnParameters.Notify.SUCCESS,
                DsnParameters.Notify.FAILURE);
        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("envelopeId").asText()).isEqualTo(envId);
    }

    @Test
    void serviceShouldKeepTheSendersOwnEnvelopeId() throws Exception {
        initWithKey();
        FakeMail mail = mail(PLAIN);
        mail.setDsnParameters(dsn());

        testee.service(mail);

        assertThat(mail.dsnParameters().orElseThrow().getEnvIdParameter().orElseThrow().asString()).isEqualTo("env+2B123");
        assertThat(spooled(spool).get(0).get("envelopeId").asText()).isEqualTo("env+123");
    }

    @Test
    void serviceShouldAssignNoEnvelopeIdForNotifyNeverOrWithoutAKey() throws Exception {
        initWithKey();
        FakeMail never = mail(PLAIN);
        never.setDsnParameters(notifyWithoutEnvId(DsnParameters.Notify.NEVER));
        testee.service(never);
        assertThat(never.dsnParameters().orElseThrow().getEnvIdParameter()).isEmpty();
        testee.destroy();

        init();
        FakeMail withoutKey = mail(PLAIN);
        withoutKey.setDsnParameters(notifyWithoutEnvId(DsnParameters.Notify.SUCCESS));
        testee.service(withoutKey);
        assertThat(withoutKey.dsnParameters().orElseThrow().getEnvIdParameter()).isEmpty();
    }

    @Test
    void initShouldRejectAShortOrUnresolvedEnvelopeIdKey() {
        assertThatThrownBy(() -> testee.init(config("CaptureReceiptRequests", spool)
                .setProperty("envelopeIdKey", "short").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("CaptureReceiptRequests: 'envelopeIdKey' must be a secret of at least 16 characters, got one of 5");
        assertThatThrownBy(() -> testee.init(config("CaptureReceiptRequests", spool)
                .setProperty("envelopeIdKey", "${env:RECEIPTS_ENVELOPE_ID_KEY}").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'envelopeIdKey' is not set");
    }
}
