package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BounceReasonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "failed|5.1.1|smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in local recipient table|userunknown",
        "failed|5.0.0|550 Requested action not taken: mailbox unavailable|userunknown",
        "failed|5.2.2|smtp; 552 5.2.2 Mailbox quota exceeded|mailboxfull",
        "failed|5.1.1|smtp; 550 5.1.1 mailbox full|mailboxfull",
        "failed|5.4.4|Host or domain name not found. Name service error for name=nowhere.example type=MX|hostunknown",
        "failed|5.7.1|550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org|blocked",
        "failed|5.7.1|554 5.7.1 Message rejected as spam by Content Filtering|spamdetected",
        "failed|5.7.1|550 5.7.1 Unable to relay for bob@example.net|norelaying",
        "failed|5.7.26|550 5.7.26 This message does not pass DMARC authentication checks|authfailure",
        "failed|5.7.25|550 5.7.25 The IP address sending this message does not have a PTR record|requireptr",
        "failed|5.3.4|552 5.3.4 Message size exceeds fixed maximum message size|mesgtoobig",
        "failed|4.4.7|Message expired: unable to deliver in 2880 minutes|expired",
        "failed|4.4.1|421 4.4.1 Connection timed out|expired",
        "delayed|4.4.1|421 4.4.1 Connection timed out|networkerror",
        "failed|5.7.1|554 5.7.1 Virus found: Eicar-Test-Signature|virusdetected",
        "failed|5.2.1|550 5.2.1 The email account that you tried to reach is disabled|suspend",
        "failed|5.1.8|501 5.1.8 Sender address rejected: Domain not found|rejected",
        "failed|5.0.0|503 Bad sequence of commands|syntaxerror",
        "failed|4.7.0|421 4.7.0 Too many concurrent SMTP connections from this IP address|toomanyconn",
        "failed|5.1.10|556 5.1.10 Recipient address has null MX|notaccept",
        "failed|5.6.0|554 5.6.0 Message contains invalid header|contenterror",
        "failed|4.3.0|451 4.3.0 Internal server error|expired",
        "delayed|4.3.0|451 4.3.0 Internal server error|systemerror",
        "delivered|2.0.0|250 2.0.0 OK|delivered",
        "failed||Ihre Nachricht konnte nicht zugestellt werden|undefined"})
    void classifyShouldReadTheReasonFromWordsAndCodes(String action, String status, String text, String reason) {
        assertThat(BounceReason.classify(action, status, text).word()).isEqualTo(reason);
    }

    @Test
    void classifyShouldFallBackToTheStatusCodeWithoutWords() {
        assertThat(BounceReason.classify("failed", "5.1.2", null)).isEqualTo(BounceReason.HOSTUNKNOWN);
        assertThat(BounceReason.classify("failed", "5.6.3", "")).isEqualTo(BounceReason.CONTENTERROR);
    }

    @Test
    void classifyShouldFallBackToTheReplyCodeWithoutWordsOrStatus() {
        assertThat(BounceReason.classify("failed", null, "552")).isEqualTo(BounceReason.MAILBOXFULL);
    }

    @Test
    void classifyShouldSayDelayedForADelayWithoutAnyReason() {
        assertThat(BounceReason.classify("delayed", null, null)).isEqualTo(BounceReason.DELAYED);
    }

    @Test
    void classifyShouldSurviveHugeAndNonAsciiText() {
        String huge = "\u00e9\u0000\uFFFD".repeat(200_000) + " user unknown";

        assertThatCode(() -> BounceReason.classify("failed", "\u0000", huge)).doesNotThrowAnyException();
        assertThat(BounceReason.classify(null, null, "\u7121\u52b9\u306a\u30a2\u30c9\u30ec\u30b9")).isEqualTo(BounceReason.UNDEFINED);
    }

    @Test
    void firstCodesShouldIgnoreIpAddressesAndVersions() {
        assertThat(BounceReason.firstEnhancedCode("host 192.0.2.25 said: 550 5.1.1 unknown")).isEqualTo("5.1.1");
        assertThat(BounceReason.firstEnhancedCode("Lotus SMTP MTA v4.6.1 (#4.4.1)")).isEqualTo("4.4.1");
        assertThat(BounceReason.firstReplyCode("[192.0.2.222:25] 2010 then 421 closing")).isEqualTo("421");
    }
}
