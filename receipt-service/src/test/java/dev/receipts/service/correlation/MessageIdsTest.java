package dev.receipts.service.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.receipts.contract.MessageIds;

class MessageIdsTest {
    @Test
    void normalizeShouldStripBracketsWhitespaceAndCommentsAndLowerCaseTheDomainOnly() {
        assertThat(MessageIds.normalize(" (sent by alice)\r\n <Abc.Def@Corp.EXAMPLE> ")).contains("Abc.Def@corp.example");
    }

    @Test
    void normalizeShouldTakeTheFirstIdentifierWhenThereAreTwo() {
        assertThat(MessageIds.normalize("<one@a.example> <two@b.example>")).contains("one@a.example");
    }

    @Test
    void normalizeShouldKeepTheLocalPartCase() {
        assertThat(MessageIds.normalize("<ABC@x.example>")).isNotEqualTo(MessageIds.normalize("<abc@x.example>"));
    }

    @Test
    void normalizeShouldBeEmptyWithoutAnIdentifier() {
        assertThat(MessageIds.normalize(null)).isEmpty();
        assertThat(MessageIds.normalize(" <> ")).isEmpty();
    }
}
