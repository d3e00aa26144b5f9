package dev.receipts.mailets.core;

import static dev.receipts.mailets.core.FakePolicyService.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCacheTest {
    private static final URI DOWN = URI.create("http://127.0.0.1:9");
    private static final Duration HOURLY = Duration.ofHours(1);
    private static final String V1 = snapshot("v1", "EMPLOYEE_CHOICE", "NEVER",
        "{\"bob@corp.example\":{\"internal\":\"NEVER\",\"external\":\"ALWAYS\"}}");
    private static final String V2 = snapshot("v2", "EMPLOYEE_CHOICE", "EMPLOYEE_CHOICE",
        "{\"bob@corp.example\":{\"internal\":\"ALWAYS\",\"external\":\"ALWAYS\"}}");

    @TempDir
    Path directory;

    private FakePolicyService service;
    private PolicyCache testee;

    @BeforeEach
    void setUp() throws Exception {
        service = new FakePolicyService();
    }

    @AfterEach
    void tearDown() {
        if (testee != null) {
            testee.close();
        }
        service.close();
    }

    private Path file() {
        return directory.resolve("receipts/policy-cache.json");
    }

    private PolicyCache start(URI serviceUrl, Duration refresh) throws Exception {
        testee = new PolicyCache(serviceUrl, "s3cret", file(), refresh).start();
        return testee;
    }

    private List<String> filesBesideTheCache() throws Exception {
        try (Stream<Path> files = Files.list(file().getParent())) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void startShouldFetchTheSnapshotWithTheBearerToken() throws Exception {
        service.serve("v1", V1);

        start(service.url(), HOURLY);

        assertThat(testee.current().version()).isEqualTo("v1");
        assertThat(testee.current().decide("bob@corp.example", Audience.INTERNAL).choice()).isEqualTo(ReceiptChoice.NEVER);
        assertThat(service.requests()).containsExactly("GET /api/v1/policies/snapshot");
        assertThat(service.authorizations()).containsExactly("Bearer s3cret");
        assertThat(service.ifNoneMatch()).containsExactly("null");
        assertThat(testee.lastError()).isNull();
    }

    @Test
    void refreshShouldSendTheVersionHeldAndKeepTheSnapshotOn304() throws Exception {
        service.serve("v1", V1);
        start(service.url(), HOURLY);

        assertThat(testee.refresh()).isEqualTo(PolicyCache.FetchResult.UNCHANGED);

        assertThat(service.ifNoneMatch()).containsExactly("null", "v1");
        assertThat(service.answers()).containsExactly(200, 304);
        assertThat(testee.current().version()).isEqualTo("v1");
    }

    @Test
    void refreshShouldTakeANewSnapshot() throws Exception {
        service.serve("v1", V1);
        start(service.url(), HOURLY);
        service.serve("v2", V2);

        assertThat(testee.refresh()).isEqualTo(PolicyCache.FetchResult.UPDATED);

        assertThat(testee.current().version()).isEqualTo("v2");
        assertThat(ReceiptPolicies.parse(Files.readString(file())).version()).isEqualTo("v2");
    }

    @Test
    void theBackgroundThreadShouldRefreshAtTheInterval() throws Exception {
        service.serve("v1", V1);
        start(service.url(), Duration.ofMillis(1000));
        service.serve("v2", V2);

        await().atMost(Duration.ofSeconds(10)).until(() -> "v2".equals(testee.current().version()));
    }

    @Test
    void startShouldUseTheDefaultsWhenTheServiceIsDownAndNothingWasCached() throws Exception {
        start(DOWN, HOURLY);

        assertThat(testee.current()).isSameAs(ReceiptPolicies.DEFAULTS);
        assertThat(testee.lastError()).contains("ConnectException");
    }

    @Test
    void aNewCacheShouldEnforceThePersistedSnapshotWhileTheServiceIsDown() throws Exception {
        service.serve("v1", V1);
        start(service.url(), HOURLY).close();

        PolicyCache restarted = start(DOWN, HOURLY);

        assertThat(restarted.current().version()).isEqualTo("v1");
        assertThat(restarted.current().decide("bob@corp.example", Audience.EXTERNAL))
            .isEqualTo(new PolicyDecision(PolicyDecision.Source.ORGANISATION, ReceiptChoice.NEVER, "v1"));
        assertThat(restarted.refresh()).isEqualTo(PolicyCache.FetchResult.FAILED);
        assertThat(restarted.current().version()).isEqualTo("v1");
    }

    @Test
    void theCacheFileShouldBeReplacedWithoutLeavingTemporaryFiles() throws Exception {
        service.serve("v1", V1);
        start(service.url(), HOURLY);
        service.serve("v2", V2);
        testee.refresh();

        assertThat(filesBesideTheCache()).containsExactly("policy-cache.json");
    }

    @Test
    void aCorruptCacheFileShouldBeMovedAsideAndIgnored() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":\"v1\", trunc");

        start(DOWN, HOURLY);

        assertThat(testee.current()).isSameAs(ReceiptPolicies.DEFAULTS);
        assertThat(filesBesideTheCache()).singleElement().asString().startsWith("policy-cache.json.corrupt-");
    }

    @Test
    void aCorruptCacheFileShouldBeReplacedByTheServicesSnapshot() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "not json");
        service.serve("v1", V1);

        start(service.url(), HOURLY);

        assertThat(testee.current().version()).isEqualTo("v1");
        assertThat(ReceiptPolicies.parse(Files.readString(file())).version()).isEqualTo("v1");
    }

    @Test
    void aBadSnapshotFromTheServiceShouldKeepThePreviousOne() throws Exception {
        service.serve("v1", V1);
        start(service.url(), HOURLY);
        service.serve("v2", "{\"version\":\"v2\",\"organisation\":{\"internal\":\"MAYBE\"}}");

        assertThat(testee.refresh()).isEqualTo(PolicyCache.FetchResult.FAILED);

        assertThat(testee.current().version()).isEqualTo("v1");
        assertThat(testee.lastError()).contains("MAYBE");
        assertThat(ReceiptPolicies.parse(Files.readString(file())).version()).isEqualTo("v1");
    }

    @Test
    void anErrorStatusShouldKeepThePreviousSnapshot() throws Exception {
        service.serve("v1", V1);
        start(service.url(), HOURLY);
        service.answer(401);

        assertThat(testee.refresh()).isEqualTo(PolicyCache.FetchResult.FAILED);

        assertThat(testee.current().version()).isEqualTo("v1");
        assertThat(testee.lastError()).startsWith("HTTP 401");
    }
}
