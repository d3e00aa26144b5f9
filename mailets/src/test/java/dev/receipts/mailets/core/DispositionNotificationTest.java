package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 8098 fields read by James's own parser first, and leniently when it refuses them. */
class DispositionNotificationTest {

    @Test
    void aStrictRfc8098ReportShouldBeReadByJamesMdn() {
        List<String> problems = new ArrayList<>();
        DispositionNotification mdn = DispositionNotification.parse("Reporting-UA: bob-laptop; Thunderbird 128.5.0\r\n"
            + "Original-Recipient: rfc822;bob@corp.example\r\n"
            + "Final-Recipient: rfc822;bob@corp.example\r\n"
            + "Original-Message-ID: <contract-1@corp.example>\r\n"
            + "Disposition: manual-action/MDN-sent-manually; displayed\r\n", problems);

        assertThat(mdn.readBy()).isEqualTo(DispositionNotification.READ_BY_JAMES_MDN);
        assertThat(mdn.originalMessageId()).isEqualTo("<contract-1@corp.example>");
        assertThat(mdn.finalRecipient().type()).isEqualTo("rfc822");
        assertThat(mdn.finalRecipient().address()).isEqualTo("bob@corp.example");
        assertThat(mdn.originalRecipient().address()).isEqualTo("bob@corp.example");
        assertThat(mdn.actionMode()).isEqualTo("manual-action");
        assertThat(mdn.sendingMode()).isEqualTo("mdn-sent-manually");
        assertThat(mdn.dispositionType()).isEqualTo("displayed");
        assertThat(mdn.reportingUa()).contains("bob-laptop");
        assertThat(problems).isEmpty();
    }

    @Test
    void lineEndingsOtherThanCrlfShouldStillBeReadByJamesMdn() {
        DispositionNotification mdn = DispositionNotification.parse("Final-Recipient: rfc822;bob@corp.example\n"
            + "Original-Message-ID: <lf@corp.example>\n"
            + "Disposition: automatic-action/MDN-sent-automatically; deleted\n", new ArrayList<>());

        assertThat(mdn.readBy()).isEqualTo(DispositionNotification.READ_BY_JAMES_MDN);
        assertThat(mdn.dispositionType()).isEqualTo("deleted");
        assertThat(mdn.actionMode()).isEqualTo("automatic-action");
    }

    @Test
    void aLegacyRfc3798ReportJamesRefusesShouldBeReadLeniently() {
        List<String> problems = new ArrayList<>();
        DispositionNotification mdn = DispositionNotification.parse("Final-Recipient: rfc822; bob@corp.example\r\n"
            + "Original-Message-ID: <legacy@corp.example>\r\n"
            + "Disposition: manual-action/MDN-sent-manually; denied/error\r\n", problems);

        assertThat(mdn.readBy()).isEqualTo(DispositionNotification.READ_BY_LENIENT);
        assertThat(mdn.dispositionType()).isEqualTo("denied");
        assertThat(mdn.modifiers()).containsExactly("error");
    }

    @Test
    void anMdnWithoutOriginalMessageIdShouldBeReadAndTheGapNoted() {
        List<String> problems = new ArrayList<>();
        DispositionNotification mdn = DispositionNotification.parse("Reporting-UA: Outlook\r\n"
            + "Final-Recipient: rfc822;bob@corp.example\r\n"
            + "Disposition: manual-action/MDN-sent-manually; displayed\r\n", problems);

        assertThat(mdn.originalMessageId()).isNull();
        assertThat(mdn.dispositionType()).isEqualTo("displayed");
        if (DispositionNotification.READ_BY_LENIENT.equals(mdn.readBy())) {
            assertThat(problems).contains("disposition-notification: Original-Message-ID missing");
        }
    }

    @Test
    void garbageShouldNeitherThrowNorBeReadByJamesMdn() {
        List<String> problems = new ArrayList<>();
        DispositionNotification mdn = DispositionNotification.parse("\u0000\u00ff not: a report\r\n\r\n::::", problems);

        assertThat(mdn.readBy()).isEqualTo(DispositionNotification.READ_BY_LENIENT);
        assertThat(problems).isNotEmpty();
    }
}
