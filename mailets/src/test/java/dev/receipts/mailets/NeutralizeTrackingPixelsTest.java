package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.CLOCK;
import static dev.receipts.mailets.MailetFixtures.config;
import static dev.receipts.mailets.MailetFixtures.message;
import static dev.receipts.mailets.MailetFixtures.snapshot;
import static dev.receipts.mailets.MailetFixtures.spooled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.mailets.core.Samples;
import dev.receipts.mailets.core.SpoolRegistry;
import dev.receipts.mailets.core.pixels.HtmlPixelRewriter;

class NeutralizeTrackingPixelsTest {
    private static final String HEADER = "X-Receipts-Tracking-Pixels";

    @TempDir
    Path spool;

    private final NeutralizeTrackingPixels testee = new NeutralizeTrackingPixels(CLOCK);

    @AfterEach
    void tearDown() {
        testee.destroy();
    }

    private void init(String... parameters) throws MessagingException {
        init(FakeMailetConfig.builder().mailetName("NeutralizeTrackingPixels"), parameters);
    }

    /** With serviceUrl, token, spoolDirectory (the temporary spool) and nodeName, so that events are spooled. */
    private void initWithService(String... parameters) throws MessagingException {
        init(config("NeutralizeTrackingPixels", spool), parameters);
    }

    private void init(FakeMailetConfig.Builder config, String... parameters) throws MessagingException {
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        testee.init(config.build());
    }

    private static FakeMail mail(MimeMessage message) throws MessagingException {
        return FakeMail.builder()
            .name("mail-1")
            .mimeMessage(message)
            .sender("news@corpexample.com")
            .recipient("bob@corp.example")
            .state(Mail.DEFAULT)
            .build();
    }

    /** The remote images an HTML text still loads, in document order. */
    private static List<String> remoteImages(String html) {
        return Jsoup.parse(html).select("img[src]").stream()
            .map(img -> img.attr("src"))
            .filter(src -> src.matches("(?i)(https?:)?//.*"))
            .collect(Collectors.toList());
    }

    /** A sample of {@code src/test/resources/pixels} (see its README). */
    private static FakeMail sample(String name) throws Exception {
        try (InputStream in = NeutralizeTrackingPixelsTest.class.getResourceAsStream("/pixels/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample [" + name + "]");
            }
            return mail(Samples.parse(in.readAllBytes()));
        }
    }

    /** The decoded text of every text/html part, in order. */
    private static List<String> htmlParts(Part part) throws Exception {
        List<String> html = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                html.addAll(htmlParts(multipart.getBodyPart(i)));
            }
        } else if (part.isMimeType("text/html")) {
            try (InputStream in = part.getInputStream()) {
                html.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return html;
    }

    /** What James would store: the message written out and parsed again. */
    private static MimeMessage reparsed(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(out.toByteArray()));
    }

    private static String raw(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void serviceShouldNeutralizeTheMailchimpOpenPixelAndKeepTheLogo() throws Exception {
        init();
        FakeMail mail = sample("mailchimp-newsletter.eml");

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("1 neutralized");
        assertThat(stored.getMessageID()).isEqualTo("<5c1d2e3f4a.ab12cd34ef.20261123090003@mail52.suw12.mcsv.net>");
        String html = htmlParts(stored).get(0);
        assertThat(html).doesNotContain("track/open.php")
            .contains(HtmlPixelRewriter.TRANSPARENT_GIF)
            .contains("https://mcusercontent.com/3f9c1e0a5b7d2c4e6f8a9b0c1/images/8a7c6d5e-4f3b-2a19-8c7d-6e5f4a3b2c1d.png")
            .contains("track/click?u=3f9c1e0a5b7d2c4e6f8a9b0c1")
            .contains("Café opening at the new office");
        Multipart alternative = (Multipart) stored.getContent();
        BodyPart htmlPart = alternative.getBodyPart(1);
        assertThat(htmlPart.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(htmlPart.getContentType()).isEqualTo("text/html; charset=\"utf-8\"");
        assertThat(alternative.getBodyPart(0).getContent().toString()).startsWith("Café opening at the new office");
    }

    @Test
    void serviceShouldNeutralizeTheSendgridPixelOnALinkBrandingDomainAndKeepBase64() throws Exception {
        init();
        FakeMail mail = sample("sendgrid-shipping.eml");

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("1 neutralized");
        assertThat(stored.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        assertThat(stored.getMessageID()).isEqualTo("<Hk2Jd8aZq0bXz3mNcK@geopod-ismtpd-3>");
        String html = htmlParts(stored).get(0);
        assertThat(html).doesNotContain("/wf/open")
            .contains("https://cdn.shop.example/email/hero-winter-sale.jpg")
            .contains("https://url9412.shop.example/ls/click?upn=Zm9vYmFyYmF6cXV4");
    }

    @Test
    void serviceShouldNeutralizeTheHiddenHubspotPixelsAndKeepTheSignatureAvatar() throws Exception {
        init();
        FakeMail mail = sample("hubspot-sales.eml");

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("2 neutralized");
        String html = htmlParts(stored).get(0);
        assertThat(html).doesNotContain("sidekickopen70").doesNotContain("track.crm-sales.example")
            .contains("https://cdn2.hubspot.net/hubfs/5412/signature/dana-avatar.png");
    }

    @Test
    void serviceShouldNeutralizeSalesToolAndPerRecipientPixelsButNotTheHtmlAttachment() throws Exception {
        init();
        FakeMail mail = sample("sales-tools-mixed.eml");

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("7 neutralized");
        List<String> html = htmlParts(stored);
        assertThat(html).hasSize(2);
        assertThat(html.get(0)).doesNotContain("bob@corp.example").doesNotContain("bob%40corp.example")
            .doesNotContain("Ym9iQGNvcnAuZXhhbXBsZQ").doesNotContain("yesware").doesNotContain("mailtrack.io")
            .doesNotContain("mailfoogae").doesNotContain("superhuman").doesNotContain("http");
        assertThat(html.get(1)).as("an HTML attachment is the sender's document, left as it came")
            .contains("https://t.yesware.com/t/attached/o.gif");
    }

    @Test
    void serviceShouldLeaveInlineCidDataAndRealRemoteImagesAlone() throws Exception {
        init();
        FakeMail mail = sample("related-inline-images.eml");
        String before = htmlParts(mail.getMessage()).get(0);

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("0 neutralized");
        assertThat(htmlParts(stored).get(0)).isEqualTo(before);
        assertThat(stored.getMessageID()).isEqualTo("<offsite-1@corp.example>");
    }

    @Test
    void serviceInFlagModeShouldOnlyCountThePixels() throws Exception {
        init("mode", "flag");
        FakeMail mail = sample("hubspot-sales.eml");
        String before = htmlParts(mail.getMessage()).get(0);

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("2 found");
        assertThat(htmlParts(stored).get(0)).isEqualTo(before);
    }

    @Test
    void serviceShouldNotChangeAMailWithoutHtml() throws Exception {
        init();
        FakeMail mail = mail(message("From: alice@corp.example\nTo: bob@corp.example\nSubject: Lunch\n"
            + "Message-ID: <lunch@corp.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
            + "See https://t.yesware.com/t/1/o.gif at noon.\n"));
        List<Object> before = snapshot(mail);

        testee.service(mail);

        assertThat(snapshot(mail)).isEqualTo(before);
    }

    @Test
    void serviceShouldRemoveASendersOwnCountHeader() throws Exception {
        init();
        FakeMail mail = mail(message("From: alice@corp.example\nTo: bob@corp.example\nSubject: Lunch\n"
            + "Message-ID: <lunch@corp.example>\n" + HEADER + ": 0 neutralized\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=UTF-8\n\nNoon?\n"));

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).isNull();
        assertThat(stored.getMessageID()).isEqualTo("<lunch@corp.example>");
    }

    @Test
    void serviceShouldLeaveReportsAloneEvenWithHtmlInside() throws Exception {
        init();
        FakeMail mail = mail(message("From: MAILER-DAEMON@mx.corp.example\nTo: bob@corp.example\nSubject: Delivered\n"
            + "Message-ID: <dsn-1@mx.corp.example>\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n"
            + "--r\nContent-Type: text/html; charset=us-ascii\n\n"
            + "<p>Delivered.</p><img src=\"https://t.yesware.com/t/1/o.gif\" width=\"1\" height=\"1\">\n"
            + "--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.corp.example\n\n"
            + "Final-Recipient: rfc822; bob@corp.example\nAction: delivered\nStatus: 2.0.0\n\n--r--\n"));
        List<Object> before = snapshot(mail);

        testee.service(mail);

        assertThat(snapshot(mail)).isEqualTo(before);
    }

    @Test
    void serviceShouldStillFindPixelsInMalformedHtml() throws Exception {
        init();
        FakeMail mail = mail(message("From: promo@shop.example\nTo: bob@corp.example\nSubject: Sale\n"
            + "Message-ID: <sale@shop.example>\nMIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\n\n"
            + "<table><tr><td><p>50% off <b>everything<td></table></div></div>"
            + "<img src=https://news.shop.example/p.gif width=1 height=1 <p>unclosed <a href=\"https://shop.example\n"));

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("1 neutralized");
        assertThat(htmlParts(stored).get(0)).doesNotContain("news.shop.example").contains("50% off");
    }

    @Test
    void serviceShouldLeaveAnHtmlPartOverTheCapUnscannedAndSaySo() throws Exception {
        init("maxHtmlBytes", "4096");
        StringBuilder html = new StringBuilder("<html><body><img src=\"https://t.yesware.com/t/1/o.gif\">");
        while (html.length() < 5000) {
            html.append("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n");
        }
        FakeMail mail = mail(message("From: promo@shop.example\nTo: bob@corp.example\nSubject: Big\n"
            + "Message-ID: <big@shop.example>\nMIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\n\n"
            + html + "</body></html>\n"));

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("0 neutralized; 1 html part not scanned");
        assertThat(htmlParts(stored).get(0)).contains("https://t.yesware.com/t/1/o.gif");
    }

    @Test
    void serviceShouldKeepTheBytesOfAPartWhoseCharsetIsUnknown() throws Exception {
        init();
        byte[] raw = ("From: promo@shop.example\r\nTo: bob@corp.example\r\nSubject: Charset\r\n"
            + "Message-ID: <charset@shop.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=x-no-such-charset\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<p>Caf\u00e9 cr\u00e8me</p><img src=\"https://news.shop.example/p.gif\" width=\"1\" height=\"1\">\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        FakeMail mail = mail(Samples.parse(raw));

        testee.service(mail);

        String stored = raw(mail);
        assertThat(stored).contains(HEADER + ": 1 neutralized")
            .contains("charset=x-no-such-charset")
            .doesNotContain("news.shop.example");
        MimeMessage reparsed = reparsed(mail);
        try (InputStream in = reparsed.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).contains("<p>Caf\u00e9 cr\u00e8me</p>");
        }
    }

    @Test
    void serviceShouldTakeUtf8BytesMislabelledAsAsciiWithoutDamage() throws Exception {
        init();
        byte[] raw = ("From: promo@shop.example\r\nTo: bob@corp.example\r\nSubject: Charset\r\n"
            + "Message-ID: <ascii@shop.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<p>Gr\u00fc\u00dfe \u2014 Jürgen</p><img src=\"https://t.yesware.com/t/1/o.gif\">\r\n")
            .getBytes(StandardCharsets.UTF_8);
        FakeMail mail = mail(Samples.parse(raw));

        testee.service(mail);

        MimeMessage reparsed = reparsed(mail);
        assertThat(reparsed.getHeader(HEADER)).containsExactly("1 neutralized");
        try (InputStream in = reparsed.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                .contains("<p>Gr\u00fc\u00dfe \u2014 Jürgen</p>").doesNotContain("yesware");
        }
    }

    @Test
    void serviceShouldLeaveTheMailUnchangedWhenReadingItFails() throws Exception {
        init();
        MimeMessage broken = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public String getContentType() throws MessagingException {
                throw new MessagingException("simulated storage failure");
            }
        };
        FakeMail mail = mail(broken);

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();
        assertThat(mail.getMessage()).isSameAs(broken);
    }

    @Test
    void initShouldRefuseAnUnknownModeNamingTheMailetAndValue() {
        assertThatThrownBy(() -> init("mode", "remove"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("NeutralizeTrackingPixels: 'mode' must be neutralize, flag or strip, got [remove]");
    }

    @Test
    void initShouldRefuseAnUnknownParameter() {
        assertThatThrownBy(() -> init("serviceURL", "http://127.0.0.1:8080"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("NeutralizeTrackingPixels: unknown parameter [serviceURL]");
    }

    static Stream<Arguments> samples() {
        return Stream.of(
            Arguments.of("salesforce-marketing-cloud.eml", "{\"TRACKER_PATH\":1,\"TINY\":1}", List.of(
                "http://image.s7.exct.net/lib/fe8a15717262067b74/m/1/spacer.gif",
                "http://image.s7.exct.net/lib/fe8a15717262067b74/m/1/spacer.gif",
                "http://image.s7.exct.net/lib/fe8a15717262067b74/m/1/outfitters-logo.png",
                "http://image.s7.exct.net/lib/fe8a15717262067b74/m/1/spacer.gif",
                "https://image.email.outfitters.example/lib/fe8a15717262067b74/m/1/winter-hero.jpg",
                "https://image.email.outfitters.example/lib/fe8a15717262067b74/m/1/icon-facebook.png",
                "http://image.s7.exct.net/lib/fe8a15717262067b74/m/1/spacer.gif",
                "https://image.email.outfitters.example/lib/fe8a15717262067b74/m/1/icon-instagram.png")),
            Arguments.of("hubspot-marketing.eml", "{\"TRACKER_HOST\":1}", List.of(
                "https://hs-5412.f.hubspotemail.net/hub/5412/hubfs/brand/fabrikam-logo-email.png?width=240&upscale=true&name=fabrikam-logo-email.png",
                "https://hs-5412.f.hubspotemail.net/hub/5412/hubfs/campaigns/2027-workbook/hero.jpg?width=1120&upscale=true&name=hero.jpg",
                "https://hs-5412.f.hubspotemail.net/hub/5412/hubfs/campaigns/2027-workbook/hero-wide.jpg",
                "https://hs-5412.f.hubspotemail.net/hs/hsstatic/TemplateAssets/static-1.262/img/hs_default_template_images/modules/Follow+Me+-+Email/linkedin_circle_color.png",
                "https://hs-5412.f.hubspotemail.net/hs/hsstatic/TemplateAssets/static-1.262/img/hs_default_template_images/modules/Follow+Me+-+Email/youtube_circle_color.png",
                "https://hs-5412.f.hubspotemail.net/hs/hsstatic/TemplateAssets/static-1.262/img/hs_default_template_images/modules/Follow+Me+-+Email/x_circle_color.png")),
            Arguments.of("outreach-sales.eml", "{\"RECIPIENT_ADDRESS\":2,\"HIDDEN\":1}", List.of(
                "https://cdn.contoso-sales.example/brand/signature-logo@2x.png",
                "https://cdn.contoso-sales.example/icons/linkedin-16.png")),
            Arguments.of("sendgrid-receipt.eml", "{\"TRACKER_HOST\":1}", List.of(
                "https://cdn.paylane.example/products/sku-1234-thumb.jpg")),
            Arguments.of("mailchimp-newsletter.eml", "{\"TRACKER_HOST\":1}", List.of(
                "https://mcusercontent.com/3f9c1e0a5b7d2c4e6f8a9b0c1/images/8a7c6d5e-4f3b-2a19-8c7d-6e5f4a3b2c1d.png")),
            Arguments.of("related-inline-images.eml", "{}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serviceShouldNeutralizeExactlyThePixelsOfEachSampleAndKeepEveryOtherImage(String file, String reasons, List<String> kept)
        throws Exception {
        initWithService();
        FakeMail mail = sample(file);
        List<String> before = htmlParts(mail.getMessage());
        JsonNode expectedReasons = new ObjectMapper().readTree(reasons);
        int count = 0;
        for (JsonNode perReason : expectedReasons) {
            count += perReason.asInt();
        }

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly(count + " neutralized");
        String html = htmlParts(stored).get(0);
        if (count == 0) {
            assertThat(html).isEqualTo(before.get(0));
            assertThat(spooled(spool)).isEmpty();
            return;
        }
        assertThat(remoteImages(html)).containsExactlyElementsOf(kept);
        assertThat(html.split(Pattern.quote(HtmlPixelRewriter.TRANSPARENT_GIF), -1)).hasSize(count + 1);
        assertThat(Jsoup.parse(html).select("img[src^=cid:], img[src^=data:]"))
            .as("inline cid: and data: images stay").hasSize(Jsoup.parse(before.get(0)).select("img[src^=cid:], img[src^=data:]").size() + count);
        List<JsonNode> events = spooled(spool);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("count").asInt()).isEqualTo(count);
        assertThat(events.get(0).get("reasons")).isEqualTo(expectedReasons);
    }

    @Test
    void serviceInStripModeShouldRemoveThePixelElementsAndKeepEveryOtherImage() throws Exception {
        init("mode", "strip");
        FakeMail mail = sample("salesforce-marketing-cloud.eml");

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("2 stripped");
        assertThat(stored.getMessageID()).isEqualTo("<8c2d7a4e-5b6f-4c1d-9e0a-7f3b2c1d0e9f@atl1s07mta1093.xt.local>");
        String html = htmlParts(stored).get(0);
        assertThat(html).doesNotContain("open.aspx").doesNotContain(HtmlPixelRewriter.TRANSPARENT_GIF)
            .doesNotContain("image.email.outfitters.example/lib/fe8a15717262067b74/m/1/spacer.gif")
            .contains("Hi Bob, our warmest layers are back");
        assertThat(remoteImages(html)).hasSize(8).contains(
            "http://image.s7.exct.net/lib/fe8a15717262067b74/m/1/outfitters-logo.png",
            "https://image.email.outfitters.example/lib/fe8a15717262067b74/m/1/icon-instagram.png");
    }

    @Test
    void serviceInStripModeShouldRemoveSalesToolPixelsButNotInlineImages() throws Exception {
        init("mode", "strip");
        FakeMail mail = sample("outreach-sales.eml");

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("3 stripped");
        String html = htmlParts(stored).get(0);
        assertThat(Jsoup.parse(html).select("img").stream().map(img -> img.attr("src").replaceFirst(",.*", ",…")))
            .containsExactly("cid:ii_lx3k9q2d0", "https://cdn.contoso-sales.example/brand/signature-logo@2x.png",
                "https://cdn.contoso-sales.example/icons/linkedin-16.png", "data:image/png;base64,…");
    }

    @Test
    void serviceInStripModeShouldOnlyCountWhenThereIsNothingToStrip() throws Exception {
        init("mode", "strip");
        FakeMail mail = sample("related-inline-images.eml");
        String before = htmlParts(mail.getMessage()).get(0);

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("0 stripped");
        assertThat(htmlParts(stored).get(0)).isEqualTo(before);
    }

    @Test
    void serviceShouldSpoolAPixelsEventWithEveryFieldOfTheContract() throws Exception {
        initWithService();
        FakeMail mail = FakeMail.builder().name("mail-1").mimeMessage(sample("outreach-sales.eml").getMessage())
            .sender("Erin@Contoso-Sales.Example").recipient("bob@corp.example").state(Mail.DEFAULT).build();

        testee.service(mail);

        List<JsonNode> events = spooled(spool);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.fieldNames()).toIterable().containsExactly("id", "type", "node", "occurredAt", "mailName",
            "direction", "messageId", "senderDomain", "recipients", "count", "reasons", "action");
        assertThat(event.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.get("type").asText()).isEqualTo("PIXELS");
        assertThat(event.get("node").asText()).isEqualTo("mx1");
        assertThat(event.get("occurredAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(event.get("mailName").asText()).isEqualTo("mail-1");
        assertThat(event.get("direction").asText()).isEqualTo("INCOMING");
        assertThat(event.get("messageId").asText()).isEqualTo("<CAF3kq1-Xq9Zr8mT5Vn2bW7cD4eF6gH0jK1lM3nP5qR7sT9uV@mail.gmail.com>");
        assertThat(event.get("senderDomain").asText()).isEqualTo("contoso-sales.example");
        assertThat(event.get("recipients").toString()).isEqualTo("[\"bob@corp.example\"]");
        assertThat(event.get("count").asInt()).isEqualTo(3);
        assertThat(event.get("reasons").toString()).isEqualTo("{\"RECIPIENT_ADDRESS\":2,\"HIDDEN\":1}");
        assertThat(event.get("action").asText()).isEqualTo("NEUTRALIZED");
    }

    @Test
    void serviceShouldGiveANullSenderDomainForTheNullSender() throws Exception {
        initWithService("mode", "strip");
        FakeMail mail = FakeMail.builder().name("mail-2").mimeMessage(sample("sendgrid-receipt.eml").getMessage())
            .recipient("bob@corp.example").state(Mail.DEFAULT).build();

        testee.service(mail);

        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("senderDomain").isNull()).isTrue();
        assertThat(event.get("action").asText()).isEqualTo("STRIPPED");
    }

    @Test
    void serviceOutgoingInFlagModeShouldCountAndReportWithoutChangingTheHtml() throws Exception {
        initWithService("direction", "outgoing", "mode", "flag");
        FakeMail mail = FakeMail.builder()
            .name("mail-3")
            .mimeMessage(message("From: Alice <alice@corp.example>\nTo: Dana <dana@partner.example>\nSubject: Proposal\n"
                + "Message-ID: <proposal-7@corp.example>\nMIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\n\n"
                + "<p>Hi Dana, the proposal is attached.</p><p>Alice</p>"
                + "<img src=\"https://cdn.corp.example/brand/logo.png\" width=\"120\" height=\"32\" alt=\"Corp\">"
                + "<img src=\"https://t.yesware.com/t/5e4d3c2b1a/o.gif\" width=\"1\" height=\"1\" style=\"border:0\">"
                + "<img src=\"https://open.salestool.example/p?to=ZGFuYUBwYXJ0bmVyLmV4YW1wbGU\" alt=\"\">\n"))
            .sender("alice@corp.example")
            .recipient("dana@partner.example")
            .state(Mail.DEFAULT)
            .build();
        String before = htmlParts(mail.getMessage()).get(0);

        testee.service(mail);

        MimeMessage stored = reparsed(mail);
        assertThat(stored.getHeader(HEADER)).containsExactly("2 found");
        assertThat(htmlParts(stored).get(0)).isEqualTo(before);
        assertThat(stored.getMessageID()).isEqualTo("<proposal-7@corp.example>");
        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("direction").asText()).isEqualTo("OUTGOING");
        assertThat(event.get("action").asText()).isEqualTo("FLAGGED");
        assertThat(event.get("senderDomain").asText()).isEqualTo("corp.example");
        assertThat(event.get("recipients").toString()).isEqualTo("[\"dana@partner.example\"]");
        assertThat(event.get("reasons").toString()).isEqualTo("{\"RECIPIENT_ADDRESS\":1,\"TRACKER_HOST\":1}");
    }

    @Test
    void serviceOutgoingInStripModeShouldStripAndReportStripped() throws Exception {
        initWithService("direction", "outgoing", "mode", "strip");
        FakeMail mail = sample("hubspot-sales.eml");

        testee.service(mail);

        assertThat(reparsed(mail).getHeader(HEADER)).containsExactly("2 stripped");
        JsonNode event = spooled(spool).get(0);
        assertThat(event.get("direction").asText()).isEqualTo("OUTGOING");
        assertThat(event.get("action").asText()).isEqualTo("STRIPPED");
        assertThat(event.get("count").asInt()).isEqualTo(2);
    }

    @Test
    void serviceShouldSendNoEventWithoutServiceUrl() throws Exception {
        init("mode", "neutralize");
        FakeMail mail = sample("outreach-sales.eml");

        testee.service(mail);

        assertThat(reparsed(mail).getHeader(HEADER)).containsExactly("3 neutralized");
        assertThat(SpoolRegistry.references(spool)).isZero();
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void serviceShouldSendNoEventWhenNoPixelWasFound() throws Exception {
        initWithService();

        testee.service(sample("related-inline-images.eml"));
        testee.service(mail(message("From: alice@corp.example\nTo: bob@corp.example\nSubject: Lunch\n"
            + "Message-ID: <lunch@corp.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\nNoon?\n")));

        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldNeutralizeTheMailEvenWhenTheSpoolBecameUnwritable() throws Exception {
        initWithService();
        Path tmp = spool.resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "in the way");
        FakeMail mail = sample("sendgrid-receipt.eml");

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        assertThat(reparsed(mail).getHeader(HEADER)).containsExactly("1 neutralized");
        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void destroyShouldReleaseTheSharedSpool() throws Exception {
        initWithService();
        assertThat(SpoolRegistry.references(spool)).isEqualTo(1);

        testee.destroy();

        assertThat(SpoolRegistry.references(spool)).isZero();
    }

    @Test
    void serviceShouldLeaveHtmlOverTheDefaultCapUnscannedWithoutAnEvent() throws Exception {
        initWithService();
        StringBuilder html = new StringBuilder("<html><body><img src=\"https://t.yesware.com/t/1/o.gif\">");
        while (html.length() <= 2 * 1024 * 1024) {
            html.append("<tr><td><img src=\"https://news.shop.example/p.gif\" width=\"1\" height=\"1\"> Lorem ipsum dolor sit amet</td></tr>\n");
        }
        FakeMail mail = mail(message("From: promo@shop.example\nTo: bob@corp.example\nSubject: Huge\n"
            + "Message-ID: <huge@shop.example>\nMIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\n\n" + html + "</body></html>\n"));

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        assertThat(reparsed(mail).getHeader(HEADER)).containsExactly("0 neutralized; 1 html part not scanned");
        assertThat(spooled(spool)).isEmpty();
    }

    @Test
    void serviceShouldReadLatin1BytesMislabelledAsUtf8WithoutDamage() throws Exception {
        initWithService();
        byte[] raw = ("From: promo@shop.example\r\nTo: bob@corp.example\r\nSubject: Charset\r\n"
            + "Message-ID: <latin1@shop.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "<p>Cr\u00e8me br\u00fbl\u00e9e</p><img src=\"https://news.shop.example/o/p.gif\" width=\"0\" height=\"0\">\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        FakeMail mail = mail(Samples.parse(raw));

        assertThatCode(() -> testee.service(mail)).doesNotThrowAnyException();

        MimeMessage reparsed = reparsed(mail);
        assertThat(reparsed.getHeader(HEADER)).containsExactly("1 neutralized");
        try (InputStream in = reparsed.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                .contains("<p>Cr\u00e8me br\u00fbl\u00e9e</p>").doesNotContain("news.shop.example");
        }
        assertThat(spooled(spool).get(0).get("reasons").toString()).isEqualTo("{\"TINY\":1}");
    }

    @Test
    void initShouldAcceptStripAndOutgoing() throws Exception {
        init("mode", "strip", "direction", "outgoing");
        FakeMail mail = sample("mailchimp-newsletter.eml");

        testee.service(mail);

        assertThat(reparsed(mail).getHeader(HEADER)).containsExactly("1 stripped");
    }

    @Test
    void initShouldRefuseAnUnknownDirection() {
        assertThatThrownBy(() -> init("direction", "out"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("NeutralizeTrackingPixels: 'direction' must be incoming or outgoing, got [out]");
    }

    @Test
    void initShouldRefuseATokenWithoutServiceUrl() {
        assertThatThrownBy(() -> init("token", "s3cret"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("NeutralizeTrackingPixels: 'serviceUrl' is required when [token] is given");
    }

    @Test
    void initShouldRefuseASpoolDirectoryThatIsAFile() throws Exception {
        Path file = Files.writeString(spool.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> initWithService("spoolDirectory", file.toString()))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("NeutralizeTrackingPixels: 'spoolDirectory' must be a writable directory, got [" + file + "]");
    }

    @Test
    void initShouldRefuseAnotherTokenOnASpoolSharedWithTheReceiptsMailets() throws Exception {
        RecordLocalDelivery sibling = new RecordLocalDelivery();
        sibling.init(config("RecordLocalDelivery", spool).build());
        try {
            assertThatThrownBy(() -> initWithService("token", "other"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("NeutralizeTrackingPixels: spool [")
                .hasMessageContaining("token (values not shown)");
            assertThat(SpoolRegistry.references(spool)).isEqualTo(1);
        } finally {
            sibling.destroy();
        }
    }
}
