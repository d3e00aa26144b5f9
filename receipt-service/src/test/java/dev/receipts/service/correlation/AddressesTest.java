package dev.receipts.service.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void normalizeShouldStripTheAddressTypeAndLowerCase() {
        assertThat(Addresses.normalize("rfc822; Bob@Corp.Example")).isEqualTo("bob@corp.example");
    }

    @Test
    void normalizeShouldDecodeXtext() {
        assertThat(Addresses.normalize("rfc822;bob+2Bnews@corp.example")).isEqualTo("bob+news@corp.example");
    }

    @Test
    void normalizeShouldDecodeUtf8AddressEscapes() {
        assertThat(Addresses.normalize("utf-8;J\\x{F6}rg@corp.example")).isEqualTo("jörg@corp.example");
    }

    @Test
    void normalizeShouldStripAngleBrackets() {
        assertThat(Addresses.normalize("<bob@corp.example>")).isEqualTo("bob@corp.example");
    }

    @Test
    void normalizeShouldGiveNullForNothing() {
        assertThat(Addresses.normalize(null)).isNull();
        assertThat(Addresses.normalize("rfc822; ")).isNull();
    }
}
