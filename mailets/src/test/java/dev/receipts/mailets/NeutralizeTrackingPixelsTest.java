package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.message;
import static dev.receipts.mailets.MailetFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import dev.receipts.mailets.core.Samples;
import dev.receipts.mailets.core.pixels.HtmlPixelRewriter;

class NeutralizeTrackingPixelsTest {
    private static final String HEADER = "X-Receipts-Tracking-Pixels";

    private final NeutralizeTrackingPixels testee = new NeutralizeTrackingPixels();

    private void init(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("NeutralizeTrackingPixels");
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
        assertThatThrownBy(() -> init("mode", "strip"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("NeutralizeTrackingPixels: 'mode' must be neutralize or flag, got [strip]");
    }

    @Test
    void initShouldRefuseAnUnknownParameter() {
        assertThatThrownBy(() -> init("serviceUrl", "http://127.0.0.1:8080"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("NeutralizeTrackingPixels: unknown parameter [serviceUrl]");
    }
}
