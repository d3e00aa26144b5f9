package dev.receipts.mailets.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrackerHostsTest {
    private final TrackerHosts testee = TrackerHosts.of(List.of("tracker.example", "mail.example/open"));

    @Test
    void matchShouldAcceptTheHostAndItsSubdomains() {
        assertThat(testee.match("tracker.example", "/x")).contains("tracker.example");
        assertThat(testee.match("A.Tracker.Example", "/x")).contains("tracker.example");
        assertThat(testee.match("eviltracker.example", "/x")).isEmpty();
    }

    @Test
    void matchShouldRequireThePathPrefixWhenTheEntryHasOne() {
        assertThat(testee.match("news.mail.example", "/open/123")).contains("mail.example/open");
        assertThat(testee.match("news.mail.example", "/images/logo.png")).isEmpty();
    }

    @Test
    void defaultsShouldAllParse() {
        assertThat(TrackerHosts.defaults().size()).isEqualTo(TrackerHosts.DEFAULT_ENTRIES.size());
    }

    @Test
    void ofShouldRefuseWhatIsNotAHostName() {
        assertThatThrownBy(() -> TrackerHosts.of(List.of("localhost"))).hasMessageContaining("[localhost]");
        assertThatThrownBy(() -> TrackerHosts.of(List.of("https://t.example.com"))).hasMessageContaining("[https://t.example.com]");
    }
}
