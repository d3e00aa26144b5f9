package dev.receipts.stack.parsecheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FamilyTest {

    @ParameterizedTest
    @CsvSource({
        "lhost-postfix-07.eml, lhost-postfix",
        "dsn/rhost-google-12.eml, rhost-google",
        "rfc3464-3.EML, rfc3464",
        "sub/dir/Exim_2.eml, exim",
        "bounce.eml, bounce",
        "42.eml, 42"
    })
    void ofShouldDropDirectoryExtensionAndSampleNumber(String file, String family) {
        assertThat(Family.of(file)).isEqualTo(family);
    }
}
