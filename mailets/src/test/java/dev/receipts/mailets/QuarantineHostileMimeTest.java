package dev.receipts.mailets;

import static dev.receipts.mailets.MailetFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.AttributeName;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class QuarantineHostileMimeTest {
    private final QuarantineHostileMime testee = new QuarantineHostileMime();

    private static String nested(int depth) {
        StringBuilder text = new StringBuilder("Message-ID: <deep@partner.example>\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"n0z\"\r\n\r\n");
        for (int i = 0; i < depth - 1; i++) {
            text.append("--n").append(i).append("z\r\nContent-Type: multipart/mixed; boundary=\"n").append(i + 1).append("z\"\r\n\r\n");
        }
        text.append("--n").append(depth - 1).append("z\r\nContent-Type: text/plain\r\n\r\ndeep\r\n--n").append(depth - 1).append("z--\r\n");
        for (int i = depth - 2; i >= 0; i--) {
            text.append("--n").append(i).append("z--\r\n");
        }
        return text.toString();
    }

    private static FakeMail mail(String text) throws Exception {
        return FakeMail.builder().name("m1").mimeMessage(message(text.replace("\r\n", "\n"))).sender("mallory@partner.example")
            .recipients("alice@corp.example").state("local-delivery").build();
    }

    private void init(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("QuarantineHostileMime");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        testee.init(config.build());
    }

    @Test
    void twoHundredNestedMultipartsGoToQuarantineWithTheReasonAndTheMessageUnchangedOtherwise() throws Exception {
        init();
        FakeMail mail = mail(nested(200));

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(mail.getMessage().getHeader(QuarantineHostileMime.HEADER)[0])
            .isEqualTo("multiparts nested more than 16 levels deep");
        assertThat(mail.getAttribute(AttributeName.of(QuarantineHostileMime.ATTRIBUTE))).isPresent();
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<deep@partner.example>");
    }

    @Test
    void nestingAtTheLimitAndPlainMailGoOn() throws Exception {
        init("maxDepth", "5");
        FakeMail atLimit = mail(nested(5));
        FakeMail plain = mail("Subject: hi\r\n\r\nHello.\r\n");
        FakeMail notMime = mail("Subject: broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nno boundary\r\n");

        testee.service(atLimit);
        testee.service(plain);
        testee.service(notMime);

        assertThat(atLimit.getState()).isEqualTo("local-delivery");
        assertThat(plain.getState()).isEqualTo("local-delivery");
        assertThat(notMime.getState()).isEqualTo("local-delivery");
        assertThat(atLimit.getMessage().getHeader(QuarantineHostileMime.HEADER)).isNull();
    }

    @Test
    void tooManyPartsGoToTheConfiguredProcessor() throws Exception {
        init("maxParts", "10", "processor", "held");
        StringBuilder text = new StringBuilder("Subject: many\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < 11; i++) {
            text.append("--b\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        text.append("--b--\r\n");
        FakeMail mail = mail(text.toString());

        testee.service(mail);

        assertThat(mail.getState()).isEqualTo("held");
        assertThat(mail.getMessage().getHeader(QuarantineHostileMime.HEADER)[0]).isEqualTo("more than 10 MIME parts");
    }

    @Test
    void badParametersAreRefusedAtInit() {
        assertThatThrownBy(() -> init("maxDepth", "0")).isInstanceOf(MessagingException.class).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> init("maxDepht", "3")).isInstanceOf(MessagingException.class).hasMessageContaining("unknown parameter");
        assertThatThrownBy(() -> init("processor", " ")).isInstanceOf(MessagingException.class);
    }
}
