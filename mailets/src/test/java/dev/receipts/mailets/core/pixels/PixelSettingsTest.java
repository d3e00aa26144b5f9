package dev.receipts.mailets.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.receipts.mailets.core.InvalidSettingException;

class PixelSettingsTest {
    private static final String NAME = "NeutralizeTrackingPixels";

    @Test
    void parseShouldUseTheDefaultsWhenNothingIsGiven() throws Exception {
        PixelSettings settings = PixelSettings.parse(NAME, Map.of());

        assertThat(settings.mode()).isEqualTo(Mode.NEUTRALIZE);
        assertThat(settings.direction()).isEqualTo(Direction.INCOMING);
        assertThat(settings.service()).isEmpty();
        assertThat(settings.maxHtmlBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(settings.trackerHosts().size()).isEqualTo(TrackerHosts.DEFAULT_ENTRIES.size());
    }

    @Test
    void parseShouldAddTrackerHostsToTheDefaults() throws Exception {
        PixelSettings settings = PixelSettings.parse(NAME, Map.of("trackerHosts", " t.one.example, two.example/open ", "mode", "flag"));

        assertThat(settings.mode()).isEqualTo(Mode.FLAG);
        assertThat(settings.trackerHosts().size()).isEqualTo(TrackerHosts.DEFAULT_ENTRIES.size() + 2);
        assertThat(settings.trackerHosts().match("t.one.example", "/")).isPresent();
    }

    @Test
    void parseShouldDropTheDefaultsWhenAsked() throws Exception {
        PixelSettings settings = PixelSettings.parse(NAME, Map.of("trackerHosts", "t.one.example", "defaultTrackerHosts", "false"));

        assertThat(settings.trackerHosts().size()).isEqualTo(1);
    }

    @Test
    void parseShouldRefuseAnUnknownMode() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("mode", "remove")))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessage("NeutralizeTrackingPixels: 'mode' must be neutralize, flag or strip, got [remove]");
    }

    @Test
    void parseShouldRefuseUnknownParameters() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("trackerHost", "t.example.com")))
            .hasMessage("NeutralizeTrackingPixels: unknown parameter [trackerHost], expected one of "
                + "[mode, direction, trackerHosts, defaultTrackerHosts, maxHtmlBytes, serviceUrl, token, spoolDirectory, nodeName]");
    }

    @Test
    void parseShouldAcceptJamesContainerParameters() throws Exception {
        assertThat(PixelSettings.parse(NAME, Map.of("onMailetException", "ignore")).mode()).isEqualTo(Mode.NEUTRALIZE);
    }

    @Test
    void parseShouldRefuseABadTrackerHost() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("trackerHosts", "t.example.com, http://x.example")))
            .hasMessageStartingWith("NeutralizeTrackingPixels: 'trackerHosts' must be a comma-separated list of host names")
            .hasMessageContaining("got [t.example.com, http://x.example]");
    }

    @Test
    void parseShouldRefuseABadMaxHtmlBytes() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("maxHtmlBytes", "2MB")))
            .hasMessage("NeutralizeTrackingPixels: 'maxHtmlBytes' must be a whole number of bytes between 1024 and 104857600, got [2MB]");
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("maxHtmlBytes", "10")))
            .hasMessageContaining("got [10]");
    }

    @Test
    void parseShouldRefuseABooleanThatIsNotExactlyTrueOrFalse() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("defaultTrackerHosts", "yes")))
            .hasMessage("NeutralizeTrackingPixels: 'defaultTrackerHosts' must be true or false, got [yes]");
    }

    @Test
    void parseShouldReadStripModeAndOutgoingDirection() throws Exception {
        PixelSettings settings = PixelSettings.parse(NAME, Map.of("mode", " strip ", "direction", "outgoing"));

        assertThat(settings.mode()).isEqualTo(Mode.STRIP);
        assertThat(settings.mode().action()).isEqualTo("STRIPPED");
        assertThat(settings.direction()).isEqualTo(Direction.OUTGOING);
    }

    @Test
    void parseShouldRefuseAnUnknownDirection() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("direction", "inbound")))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessage("NeutralizeTrackingPixels: 'direction' must be incoming or outgoing, got [inbound]");
    }

    @Test
    void parseShouldReadTheServiceParametersAsTheReceiptsMailetsDo() throws Exception {
        PixelSettings settings = PixelSettings.parse(NAME, Map.of("serviceUrl", "http://127.0.0.1:8080/", "token", " s3cret ",
            "spoolDirectory", "var/receipts/spool", "nodeName", "mx1"), Path.of("/opt/james"));

        assertThat(settings.service()).hasValueSatisfying(service -> {
            assertThat(service.serviceUrl()).hasToString("http://127.0.0.1:8080");
            assertThat(service.token()).isEqualTo("s3cret");
            assertThat(service.spoolDirectory()).isEqualTo(Path.of("/opt/james/var/receipts/spool"));
            assertThat(service.nodeName()).isEqualTo("mx1");
        });
    }

    @Test
    void parseShouldDefaultTheSpoolDirectoryAsTheReceiptsMailetsDo() throws Exception {
        PixelSettings settings = PixelSettings.parse(NAME, Map.of("serviceUrl", "http://127.0.0.1:8080", "token", "s3cret"),
            Path.of("/opt/james"));

        assertThat(settings.service().orElseThrow().spoolDirectory()).isEqualTo(Path.of("/opt/james/var/receipts/spool"));
    }

    @Test
    void parseShouldRefuseATokenWithoutServiceUrl() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("token", "s3cret", "spoolDirectory", "/tmp/x")))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("NeutralizeTrackingPixels: 'serviceUrl' is required when [token, spoolDirectory] are given");
    }

    @Test
    void parseShouldRefuseAServiceUrlWithoutToken() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("serviceUrl", "http://127.0.0.1:8080")))
            .hasMessageStartingWith("NeutralizeTrackingPixels: 'token' is required when [serviceUrl] is given");
    }

    @Test
    void parseShouldRefuseABadServiceUrlWithTheReceiptsMailetsMessage() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("serviceUrl", "ftp://x", "token", "s3cret")))
            .hasMessage("NeutralizeTrackingPixels: 'serviceUrl' must be an absolute http(s) URL, got [ftp://x]");
    }

    @Test
    void parseShouldRefuseAnUnresolvedTokenPlaceholder() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("serviceUrl", "http://127.0.0.1:8080",
            "token", "${env:RECEIPTS_INGEST_TOKEN}")))
            .hasMessageStartingWith("NeutralizeTrackingPixels: 'token' is not set");
    }
}
