package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptSettingsTest {
    private static final Path WORKING_DIRECTORY = Paths.get("/opt/james");

    private final Map<String, String> parameters = new HashMap<>(Map.of(
        "serviceUrl", "http://127.0.0.1:8080",
        "token", "s3cret"));

    private ReceiptSettings parse() throws InvalidSettingException {
        return ReceiptSettings.parse("CaptureReceiptRequests", parameters, List.of("captureAll"), WORKING_DIRECTORY);
    }

    @Test
    void parseShouldApplyDefaults() throws Exception {
        ReceiptSettings testee = parse();

        assertThat(testee.serviceUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(testee.token()).isEqualTo("s3cret");
        assertThat(testee.spoolDirectory()).isEqualTo(Paths.get("/opt/james/var/receipts/spool"));
        assertThat(testee.nodeName()).isNotBlank();
    }

    @Test
    void parseShouldStripATrailingSlashFromTheServiceUrl() throws Exception {
        parameters.put("serviceUrl", "https://receipts.corp.example/base/");

        assertThat(parse().serviceUrl()).isEqualTo(URI.create("https://receipts.corp.example/base"));
    }

    @Test
    void parseShouldKeepAnAbsoluteSpoolDirectoryAndNormalizeIt() throws Exception {
        parameters.put("spoolDirectory", "/var/spool/../spool/receipts");

        assertThat(parse().spoolDirectory()).isEqualTo(Paths.get("/var/spool/receipts"));
    }

    @Test
    void parseShouldUseTheGivenNodeName() throws Exception {
        parameters.put("nodeName", "mx1");

        assertThat(parse().nodeName()).isEqualTo("mx1");
    }

    @Test
    void parseShouldAcceptContainerParametersAndExtraParameters() throws Exception {
        parameters.put("onMailetException", "ignore");
        parameters.put("onMatchException", "error");
        parameters.put("captureAll", "true");

        assertThat(parse().token()).isEqualTo("s3cret");
    }

    @Test
    void parseShouldRejectAnUnknownParameter() {
        parameters.put("serviceURL", "http://x");

        assertThatThrownBy(this::parse).hasMessage("CaptureReceiptRequests: unknown parameter [serviceURL], expected one of "
            + "[serviceUrl, token, spoolDirectory, nodeName, captureAll]");
    }

    @Test
    void parseShouldRejectAMissingServiceUrl() {
        parameters.remove("serviceUrl");

        assertThatThrownBy(this::parse).hasMessage(
            "CaptureReceiptRequests: 'serviceUrl' must be an absolute http(s) URL such as http://127.0.0.1:8080, got []");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x", "127.0.0.1:8080", "/api", "http://", "http://host/path?query=1", "http://a b", "mailto:a@b"})
    void parseShouldRejectAServiceUrlThatIsNotAbsoluteHttp(String url) {
        parameters.put("serviceUrl", url);

        assertThatThrownBy(this::parse)
            .hasMessage("CaptureReceiptRequests: 'serviceUrl' must be an absolute http(s) URL, got [" + url + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void parseShouldRejectABlankToken(String token) {
        parameters.put("token", token);

        assertThatThrownBy(this::parse)
            .hasMessage("CaptureReceiptRequests: 'token' must be the non-blank shared ingest token, got [" + token + "]");
    }

    @Test
    void parseShouldRejectAMissingToken() {
        parameters.remove("token");

        assertThatThrownBy(this::parse)
            .hasMessage("CaptureReceiptRequests: 'token' must be the non-blank shared ingest token, got []");
    }

    @Test
    void parseShouldSayTheTokenIsNotSetWhenItIsAnUnresolvedPlaceholder() {
        parameters.put("token", "${env:RECEIPTS_INGEST_TOKEN}");

        assertThatThrownBy(this::parse).hasMessage("CaptureReceiptRequests: 'token' is not set: got the unresolved placeholder "
            + "[${env:RECEIPTS_INGEST_TOKEN}]; set the variable it names in James's environment");
    }

    @Test
    void parseShouldRejectABlankNodeName() {
        parameters.put("nodeName", " ");

        assertThatThrownBy(this::parse).hasMessageStartingWith("CaptureReceiptRequests: 'nodeName' must be a non-blank name");
    }

    @Test
    void parseShouldRejectABlankSpoolDirectory() {
        parameters.put("spoolDirectory", " ");

        assertThatThrownBy(this::parse).hasMessageStartingWith("CaptureReceiptRequests: 'spoolDirectory' must be a directory path");
    }

    @Test
    void booleanParameterShouldAcceptExactlyTrueOrFalse() throws Exception {
        assertThat(ReceiptSettings.booleanParameter("M", Map.of("b", "true"), "b", false)).isTrue();
        assertThat(ReceiptSettings.booleanParameter("M", Map.of("b", "false"), "b", true)).isFalse();
        assertThat(ReceiptSettings.booleanParameter("M", Map.of(), "b", true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "1", "", "on"})
    void booleanParameterShouldRejectAnythingElse(String value) {
        assertThatThrownBy(() -> ReceiptSettings.booleanParameter("CaptureReceiptRequests", Map.of("captureAll", value), "captureAll", false))
            .hasMessage("CaptureReceiptRequests: 'captureAll' must be true or false, got [" + value + "]");
    }
}
