package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRegistryTest {
    private static final URI URL = URI.create("http://127.0.0.1:9");

    @TempDir
    Path directory;

    @Test
    void acquireShouldShareOneSpoolAndForwarderPerDirectory() throws Exception {
        try (SpoolRegistry.Lease first = SpoolRegistry.acquire(directory.resolve("spool"), URL, "t");
             SpoolRegistry.Lease second = SpoolRegistry.acquire(directory.resolve("other/../spool"), URL, "t")) {

            assertThat(second.spool()).isSameAs(first.spool());
            assertThat(second.forwarder()).isSameAs(first.forwarder());
            assertThat(SpoolRegistry.references(directory.resolve("spool"))).isEqualTo(2);
        }
    }

    @Test
    void lastReleaseShouldStopTheForwarder() throws Exception {
        SpoolRegistry.Lease first = SpoolRegistry.acquire(directory, URL, "t");
        SpoolRegistry.Lease second = SpoolRegistry.acquire(directory, URL, "t");
        EventForwarder forwarder = first.forwarder();

        first.close();
        first.close();
        assertThat(forwarder.isRunning()).isTrue();
        assertThat(SpoolRegistry.references(directory)).isEqualTo(1);

        second.close();
        assertThat(forwarder.isRunning()).isFalse();
        assertThat(SpoolRegistry.references(directory)).isZero();
    }

    @Test
    void acquireAfterTheLastReleaseShouldStartAFreshForwarder() throws Exception {
        EventForwarder old;
        try (SpoolRegistry.Lease lease = SpoolRegistry.acquire(directory, URL, "t")) {
            old = lease.forwarder();
        }

        try (SpoolRegistry.Lease lease = SpoolRegistry.acquire(directory, URL, "t")) {
            assertThat(lease.forwarder()).isNotSameAs(old);
            assertThat(lease.forwarder().isRunning()).isTrue();
        }
    }

    @Test
    void acquireShouldRejectAnotherServiceUrlForTheSameSpool() throws Exception {
        try (SpoolRegistry.Lease lease = SpoolRegistry.acquire(directory, URL, "t")) {
            assertThatThrownBy(() -> SpoolRegistry.acquire(directory, URI.create("http://127.0.0.1:10"), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serviceUrl [http://127.0.0.1:9] vs [http://127.0.0.1:10]")
                .hasMessageContaining(directory.toString());
            assertThat(SpoolRegistry.references(directory)).isEqualTo(1);
        }
    }

    @Test
    void acquireShouldRejectAnotherTokenWithoutShowingIt() throws Exception {
        try (SpoolRegistry.Lease lease = SpoolRegistry.acquire(directory, URL, "first-secret")) {
            assertThatThrownBy(() -> SpoolRegistry.acquire(directory, URL, "second-secret"))
                .hasMessageContaining("token (values not shown)")
                .hasMessageNotContaining("first-secret")
                .hasMessageNotContaining("second-secret");
        }
    }
}
