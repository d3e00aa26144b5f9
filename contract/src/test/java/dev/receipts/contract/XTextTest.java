package dev.receipts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class XTextTest {
    @Test
    void hexEscapesAreDecodedAndAnythingElseKept() {
        assertThat(XText.decode("env+2B123+3Dx")).isEqualTo("env+123=x");
        assertThat(XText.decode("a+zz")).isEqualTo("a+zz");
        assertThat(XText.decode("a+2")).isEqualTo("a+2");
        assertThat(XText.decode("plain")).isEqualTo("plain");
        assertThat(XText.decode(null)).isNull();
    }

    @Test
    void decodedBytesAreUtf8WhenValidElseLatin1() {
        assertThat(XText.decode("caf+C3+A9")).isEqualTo("café");
        assertThat(XText.decode("caf+E9")).isEqualTo("café");
        assertThat(XText.utf8OrLatin1("ü".getBytes(StandardCharsets.UTF_8))).isEqualTo("ü");
    }
}
