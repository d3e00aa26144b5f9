package dev.receipts.mailets.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.receipts.mailets.core.InvalidSettingException;

class PixelSettingsTest {
    private static final String NAME = "NeutralizeTrackingPixels";

    @Test
    void parseShouldUseTheDefaultsWhenNothingIsGiven() throws Exception {
        PixelSettings settings = PixelSettings.parse(NAME, Map.of());

        assertThat(settings.mode()).isEqualTo(Mode.NEUTRALIZE);
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
            .hasMessage("NeutralizeTrackingPixels: 'mode' must be neutralize or flag, got [remove]");
    }

    @Test
    void parseShouldRefuseUnknownParameters() {
        assertThatThrownBy(() -> PixelSettings.parse(NAME, Map.of("trackerHost", "t.example.com")))
            .hasMessage("NeutralizeTrackingPixels: unknown parameter [trackerHost], expected one of "
                + "[mode, trackerHosts, defaultTrackerHosts, maxHtmlBytes]");
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
}
