package dev.receipts.service.live;

import static dev.receipts.service.support.Events.mdn;
import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class LiveEventsTest {
    @TestHTTPResource("/api/v1/me/events")
    URL events;

    @Test
    void theStreamShouldCarryChangesToTheCallersMessagesOnlyAfterTheyAreStored() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString((FakeImapResource.ALICE + ":" + FakeImapResource.ALICE_PASSWORD)
            .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(events.toString()))
            .header("Authorization", "Basic " + basic).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":connected"));

        String bobs = uniqueMessageId("bobs");
        post(submitted(bobs, FakeImapResource.BOB, null, false, "carol@corp.example")).statusCode(200);
        String alices = uniqueMessageId("alices");
        post(submitted(alices, FakeImapResource.ALICE, null, true, "bob@corp.example")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains(alices)));
        post(mdn(alices, "bob@corp.example", "bob@corp.example", "displayed")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.contains(alices)).count() == 2);

        assertThat(lines).contains("event:message",
            "data:{\"messageId\":\"" + alices + "\",\"recipient\":\"bob@corp.example\"}");
        assertThat(lines).noneMatch(l -> l.contains(bobs));
        response.body().close();
    }

    @Test
    void anonymousShouldGet401() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(events.toString())).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
