package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.receipts.contract.XText;

class TypedAddressTest {
    private final List<String> problems = new ArrayList<>();

    @Test
    void parseShouldLowerCaseTheTypeAndTrimTheAddress() {
        TypedAddress testee = TypedAddress.parse("Final-Recipient", " RFC822 ;  Bob@Corp.Example ", problems);

        assertThat(testee).isEqualTo(new TypedAddress("rfc822", "Bob@Corp.Example"));
        assertThat(problems).isEmpty();
    }

    @Test
    void parseShouldStripAngleBrackets() {
        assertThat(TypedAddress.parse("Final-Recipient", "rfc822;<bob@corp.example>", problems).address())
            .isEqualTo("bob@corp.example");
    }

    @Test
    void parseShouldReadABareAddressAsRfc822AndSaySo() {
        TypedAddress testee = TypedAddress.parse("Final-Recipient", "<bob@corp.example>", problems);

        assertThat(testee).isEqualTo(new TypedAddress("rfc822", "bob@corp.example"));
        assertThat(problems).singleElement().asString().contains("Final-Recipient").contains("no address type");
    }

    @Test
    void parseShouldDecodeUnicodeEscapesWhenTheTypeIsUtf8() {
        TypedAddress testee = TypedAddress.parse("Final-Recipient", "utf-8; j\\x{00F6}rg@b\\x{FC}ro.example", problems);

        assertThat(testee).isEqualTo(new TypedAddress("utf-8", "j\u00f6rg@b\u00fcro.example"));
    }

    @Test
    void parseShouldNotDecodeEscapesForRfc822() {
        assertThat(TypedAddress.parse("Final-Recipient", "rfc822; a\\x{00F6}@b", problems).address()).isEqualTo("a\\x{00F6}@b");
    }

    @Test
    void parseShouldReturnNullForAMissingValue() {
        assertThat(TypedAddress.parse("Original-Recipient", null, problems)).isNull();
        assertThat(TypedAddress.parse("Original-Recipient", "  ", problems)).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void xtextDecodeShouldDecodeHexEscapesOnly() {
        assertThat(XText.decode("env+2B123+3Dx")).isEqualTo("env+123=x");
        assertThat(XText.decode("a+zz")).isEqualTo("a+zz");
        assertThat(XText.decode("plain")).isEqualTo("plain");
        assertThat(XText.decode(null)).isNull();
    }
}
