package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusCodesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5.1.1|permanent failure: the mailbox does not exist",
        "4.2.2|persistent transient failure (delivery may still succeed): the mailbox is full",
        "5.7.1|permanent failure: delivery not authorised, message refused",
        "2.0.0|success: no further detail given",
        "5.1.10|permanent failure: the recipient's domain accepts no mail (null MX)",
        "4.4.7|persistent transient failure (delivery may still succeed): the delivery time expired",
        "5.7.26|permanent failure: the sender authentication checks (SPF, DKIM, DMARC) failed",
        "5.3.4|permanent failure: the message is too big for the receiving system"})
    void explainShouldSayClassAndDetailInPlainWords(String code, String words) {
        assertThat(StatusCodes.explain(code)).contains(words);
    }

    @Test
    void explainShouldFallBackToTheSubjectForAnUnknownDetail() {
        assertThat(StatusCodes.explain("5.2.99")).contains("permanent failure: a problem with the recipient's mailbox");
        assertThat(StatusCodes.explain("4.7.900")).contains("persistent transient failure (delivery may still succeed): a security or policy problem");
    }

    @Test
    void explainShouldReadLeadingZerosAndSurroundingSpaces() {
        assertThat(StatusCodes.explain(" 5.01.001 ")).contains("permanent failure: the mailbox does not exist");
    }

    @Test
    void explainShouldNameAnUnknownSubjectAsSuch() {
        assertThat(StatusCodes.explain("5.9.1")).contains("permanent failure: a problem of an unknown kind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "6.1.1", "5.1", "5.1.1.1", "550", "five.one.one", "5.1.1 (user unknown)", "5.1.\u00e9"})
    void explainShouldHaveNothingForWhatIsNotACode(String value) {
        assertThat(StatusCodes.explain(value)).isEmpty();
    }

    @Test
    void explainShouldHaveNothingForNull() {
        assertThat(StatusCodes.explain(null)).isEmpty();
    }
}
