package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FieldBlockParserTest {
    private static final String DSN = "Reporting-MTA: dns; mx.corp.example\n"
        + "Arrival-Date: Mon, 23 Nov 2026 10:00:00 +0000\n"
        + "\n"
        + "Final-Recipient: rfc822; bob@corp.example\n"
        + "Action: failed\n"
        + "\n"
        + "Final-Recipient: rfc822; carol@corp.example\n"
        + "Action: delayed\n";

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void parseShouldSplitBlocksWhateverTheLineEnding(String lineEnding) {
        FieldBlocks testee = FieldBlockParser.parse(DSN.replace("\n", lineEnding));

        assertThat(testee.blocks()).hasSize(3);
        assertThat(testee.blocks().get(0).first("Reporting-MTA")).contains("dns; mx.corp.example");
        assertThat(testee.blocks().get(1).first("Final-Recipient")).contains("rfc822; bob@corp.example");
        assertThat(testee.blocks().get(2).first("Action")).contains("delayed");
        assertThat(testee.problems()).isEmpty();
    }

    @Test
    void parseShouldUnfoldContinuationLines() {
        FieldBlocks testee = FieldBlockParser.parse("Diagnostic-Code: smtp; 550 5.1.1 <carol@partner.example>:\r\n"
            + "    Recipient address rejected:\r\n"
            + "\tUser unknown\r\n"
            + "Action: failed\r\n");

        assertThat(testee.first("Diagnostic-Code"))
            .contains("smtp; 550 5.1.1 <carol@partner.example>: Recipient address rejected: User unknown");
        assertThat(testee.first("Action")).contains("failed");
    }

    @Test
    void firstShouldIgnoreTheCaseOfFieldNames() {
        FieldBlocks testee = FieldBlockParser.parse("FINAL-RECIPIENT: rfc822; bob@corp.example\n");

        assertThat(testee.first("final-recipient")).contains("rfc822; bob@corp.example");
    }

    @Test
    void parseShouldTolerateLeadingBlankLines() {
        FieldBlocks testee = FieldBlockParser.parse("\r\n\r\n  \r\nReporting-MTA: dns; a\r\n\r\nAction: failed\r\n");

        assertThat(testee.blocks()).hasSize(2);
        assertThat(testee.blocks().get(0).first("Reporting-MTA")).contains("dns; a");
    }

    @Test
    void parseShouldSkipAndReportLinesWithoutColon() {
        FieldBlocks testee = FieldBlockParser.parse("Reporting-MTA: dns; a\nthis is not a field\nAction: failed\n");

        assertThat(testee.blocks()).hasSize(1);
        assertThat(testee.blocks().get(0).fields()).extracting(Field::name).containsExactly("Reporting-MTA", "Action");
        assertThat(testee.problems()).singleElement().asString().contains("line 2").contains("this is not a field");
    }

    @Test
    void parseShouldReportAContinuationLineWithoutAField() {
        FieldBlocks testee = FieldBlockParser.parse("\n   orphan continuation\nAction: failed\n");

        assertThat(testee.first("Action")).contains("failed");
        assertThat(testee.problems()).singleElement().asString().contains("continuation");
    }

    @Test
    void parseShouldKeepCommentsInRawValues() {
        FieldBlocks testee = FieldBlockParser.parse("Status: 5.2.2 (mailbox full)\n");

        assertThat(testee.first("Status")).contains("5.2.2 (mailbox full)");
    }

    @Test
    void parseShouldKeepAnEmptyValue() {
        FieldBlocks testee = FieldBlockParser.parse("X-Empty:\nAction: failed");

        assertThat(testee.first("X-Empty")).contains("");
        assertThat(testee.first("Action")).contains("failed");
    }

    @Test
    void parseHeaderSectionShouldStopAtTheFirstBlankLine() {
        FieldBlocks testee = FieldBlockParser.parseHeaderSection("Message-ID: <a@b>\n\nMessage-ID: <body@b>\n");

        assertThat(testee.blocks()).hasSize(1);
        assertThat(testee.first("Message-ID")).contains("<a@b>");
    }

    @Test
    void parseShouldNeverThrowOnGarbage() {
        byte[] garbage = new byte[4096];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        String text = TextDecoding.decode(garbage);

        assertThatCode(() -> FieldBlockParser.parse(text)).doesNotThrowAnyException();
        assertThat(FieldBlockParser.parse(null).blocks()).isEmpty();
        assertThat(FieldBlockParser.parse(":::\n:\n").problems()).hasSize(2);
    }

    @Test
    void decodeShouldFallBackToLatin1ForInvalidUtf8() {
        byte[] latin1 = "Final-Recipient: rfc822; j\u00f6rg@example".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "Final-Recipient: rfc822; j\u00f6rg@example".getBytes(StandardCharsets.UTF_8);

        assertThat(TextDecoding.decode(latin1)).isEqualTo("Final-Recipient: rfc822; j\u00f6rg@example");
        assertThat(TextDecoding.decode(utf8)).isEqualTo("Final-Recipient: rfc822; j\u00f6rg@example");
    }
}
