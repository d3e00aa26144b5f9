package dev.receipts.service.health;

import static dev.receipts.service.support.Events.TOKEN;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class NodeHealthTest {
    private static void ingest(String nodeStatus, Object... events) {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TOKEN)
            .header(NodeStatusHeader.NAME, nodeStatus).body(Map.of("events", List.of(events)))
            .post("/api/v1/ingest/events").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void nodesShouldReportTheirSpoolOnEveryPostAndHeartbeat() {
        String node = "mx-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> event = submitted(uniqueMessageId("health"), "alice@corp.example", null, false,
            "bob@corp.example");
        event.put("node", node);
        ingest("node=" + node + "; backlog=7; dead=1; errors=3", event);
        ingest("node=" + node + "; backlog=2; dead=1; errors=4; lastDead="
            + URLEncoder.encode("refused by the receipt service: HTTP 500 {\"error\":\"x; y\"}", StandardCharsets.UTF_8));
        ingest("node=" + node + "; backlog=2; dead=1; errors=4");

        JsonPath health = given().get("/api/v1/admin/health").then().statusCode(200).extract().jsonPath();
        Map<String, Object> mine = health.getList("nodes", Map.class).stream()
            .filter(n -> node.equals(n.get("node"))).findFirst().orElseThrow();
        assertThat(mine).containsEntry("spoolBacklog", 2).containsEntry("deadLetters", 1).containsEntry("errors", 4)
            .containsEntry("eventsLastHour", 1);
        assertThat(mine).as("kept until the node names another")
            .containsEntry("lastDeadReason", "refused by the receipt service: HTTP 500 {\"error\":\"x; y\"}");
        assertThat(mine.get("lastEventAt")).isNotNull();
        assertThat((String) mine.get("lastSeenAt")).isGreaterThanOrEqualTo((String) mine.get("lastEventAt"));
        assertThat(health.getInt("ingest.eventsLastHour")).isPositive();
        assertThat(health.getInt("ingest.eventsLastMinute")).isPositive();
        assertThat(health.getMap("ingest")).containsKey("rejectedLastHour");
        assertThat(health.getMap("")).containsKey("pendingReports");

        given().get("/q/metrics").then().statusCode(200)
            .body(containsString("receipts_node_spool_backlog{node=\"" + node + "\"} 2.0"))
            .body(containsString("receipts_node_errors{node=\"" + node + "\"} 4.0"))
            .body(containsString("receipts_events_ingested_total{type=\"SUBMITTED\"}"))
            .body(containsString("receipts_events_rejected_total"))
            .body(containsString("receipts_pending_reports"));
        given().get("/q/health/ready").then().statusCode(200)
            .body(containsString("Ingest freshness")).body("status", equalTo("UP"));
    }

    @Test
    void aMalformedStatusHeaderShouldNeverFailTheIngest() {
        ingest("backlog=lots");
        assertThat(NodeStatusHeader.parse("node=a; backlog=-1")).isEmpty();
        assertThat(NodeStatusHeader.parse("dead=2;node=a")).contains(new NodeStatusHeader("a", 0, 2, 0));
    }

    @Test
    @TestSecurity(user = "admin@corp.example", roles = {"employee", "admin"})
    void configShouldShowTheEffectiveSettingsWithEverySecretMasked() {
        JsonPath config = given().get("/api/v1/admin/config").then().statusCode(200).extract().jsonPath();
        Map<String, Object> settings = config.getMap("");

        assertThat(settings).containsEntry("receipts.ingest.token", "****")
            .containsEntry("receipts.privacy.pseudonym-key", "****")
            .containsEntry("quarkus.http.auth.session.encryption-key", "****")
            .containsEntry("receipts.security.max-failures", "5")
            .containsEntry("quarkus.oidc.tenant-enabled", "false");
        assertThat(settings.values()).doesNotContain("test-ingest-token", "test-pseudonym-key-0123456789",
            "test-session-encryption-key-0123456789");
        assertThat(settings.keySet()).allMatch(k -> k.startsWith("receipts.") || k.startsWith("quarkus.datasource.")
            || k.startsWith("quarkus.http.") || k.startsWith("quarkus.oidc."));
    }

    @Test
    void secretNamesShouldBeRecognised() {
        assertThat(EffectiveConfig.isSecret("quarkus.datasource.password")).isTrue();
        assertThat(EffectiveConfig.isSecret("quarkus.oidc.credentials.secret")).isTrue();
        assertThat(EffectiveConfig.isSecret("quarkus.oidc.credentials.client-secret.value")).isTrue();
        assertThat(EffectiveConfig.isSecret("receipts.envelope-id.key")).isTrue();
        assertThat(EffectiveConfig.isSecret("receipts.correlation.envelope-id-key")).isTrue();
        assertThat(EffectiveConfig.isSecret("quarkus.oidc.token.principal-claim")).isFalse();
        assertThat(EffectiveConfig.isSecret("receipts.oidc.user-claim")).isFalse();
    }
}
