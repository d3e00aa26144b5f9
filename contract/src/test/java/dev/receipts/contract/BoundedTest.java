package dev.receipts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedTest {
    @Test
    void anIdentifierThatFitsIsKeptAsItIs() {
        String atLimit = "a".repeat(512);
        assertThat(Bounded.identifier(atLimit, 512)).isSameAs(atLimit);
        assertThat(Bounded.identifier(null, 512)).isNull();
    }

    @Test
    void anOverLongIdentifierKeepsItsPrefixAndTheHashOfTheWhole() {
        String oneOver = "a".repeat(513);
        String bounded = Bounded.identifier(oneOver, 512);

        assertThat(bounded).hasSize(512).startsWith("a".repeat(447) + "#").matches("a{447}#[0-9a-f]{64}");
        assertThat(Bounded.identifier(oneOver, 512)).as("the same on both sides").isEqualTo(bounded);
        assertThat(Bounded.identifier("a".repeat(512) + "b", 512)).as("a different id stays different")
            .isNotEqualTo(bounded);
        assertThat(Bounded.identifier(bounded, 512)).as("idempotent").isEqualTo(bounded);
    }

    @Test
    void aMegabyteIdentifierIsBoundedToo() {
        assertThat(Bounded.identifier("x".repeat(1 << 20), 998)).hasSize(998);
    }

    @Test
    void aTextKeepsItsBeginningAndAnEllipsis() {
        assertThat(Bounded.text("abc", 3)).isEqualTo("abc");
        assertThat(Bounded.text("abcd", 3)).isEqualTo("ab…");
        assertThat(Bounded.text("é".repeat(1 << 20), 2000)).hasSize(2000).endsWith("…");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = "ab" + emoji + "cd";
        assertThat(Bounded.text(text, 4)).isEqualTo("ab…");
        assertThat(Bounded.identifier("a" + emoji + "x".repeat(70), 67))
            .as("prefix of 2 would end in a high surrogate").matches("a#[0-9a-f]{64}");
    }

    @Test
    void limitsTooSmallToHoldAHashAreRefused() {
        assertThatThrownBy(() -> Bounded.identifier("x", 65)).isInstanceOf(IllegalArgumentException.class);
    }
}
