package dev.receipts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void theLookupFormDropsCommentsFoldingAndBracketsAndLowerCasesTheDomain() {
        assertThat(MessageIds.normalizeOrNull(" (comment) <Abc.123@\r\n Corp.Example> ")).isEqualTo("Abc.123@corp.example");
        assertThat(MessageIds.normalizeOrNull("  ")).isNull();
        assertThat(MessageIds.normalizeOrNull(null)).isNull();
    }

    @Test
    void aFoldedMessageIdOf3600CharactersHasTheSameLookupFormFromTheSubmissionAndFromAReport() {
        String local = "x".repeat(3580);
        String folded = "<" + local.substring(0, 990) + "\r\n " + local.substring(990, 1980) + "\r\n "
            + local.substring(1980) + "@Corp.Example>";
        String unfolded = "<" + local + "@corp.example>";

        String submitted = MessageIds.fieldForm(folded);
        String reported = MessageIds.fieldForm(unfolded);

        assertThat(submitted).hasSizeLessThanOrEqualTo(FieldLimits.MESSAGE_ID).startsWith("<x").endsWith(">");
        assertThat(MessageIds.normalizeOrNull(submitted)).isEqualTo(MessageIds.normalizeOrNull(reported))
            .isEqualTo(MessageIds.normalizeOrNull(folded)).hasSize(FieldLimits.MESSAGE_ID_LOOKUP);
        assertThat(MessageIds.fieldForm(submitted)).as("idempotent").isEqualTo(submitted);
        assertThat(MessageIds.normalizeOrNull(MessageIds.fieldForm("<" + "y".repeat(3580) + "@corp.example>")))
            .as("another id").isNotEqualTo(MessageIds.normalizeOrNull(submitted));
    }

    @Test
    void aMessageIdThatFitsIsCarriedAsWritten() {
        String atLimit = "<" + "a".repeat(FieldLimits.MESSAGE_ID - 2) + ">";
        assertThat(MessageIds.fieldForm(atLimit)).isSameAs(atLimit);
        assertThat(MessageIds.normalizeOrNull(atLimit)).hasSize(FieldLimits.MESSAGE_ID_LOOKUP);
        String oneOver = "<" + "a".repeat(FieldLimits.MESSAGE_ID - 1) + ">";
        assertThat(MessageIds.fieldForm(oneOver)).hasSize(FieldLimits.MESSAGE_ID);
    }
}
