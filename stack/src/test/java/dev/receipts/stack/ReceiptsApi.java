package dev.receipts.stack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The receipt service's public API, called over real HTTP with HTTP Basic credentials. */
final class ReceiptsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    ReceiptsApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Answer(int status, JsonNode body) {
    }

    Answer get(String pathAndQuery, String user, String password) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET(), user, password);
    }

    /** A state-changing call ({@code PUT}, {@code POST}, {@code DELETE}) with a JSON body, as the pages make it. */
    Answer send(String method, String path, String json, String user, String password) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .header("X-Receipts-CSRF", "1"), user, password);
    }

    /** A state-changing call as a demo user. */
    Answer send(String method, String path, String json, String demoUser) throws Exception {
        return send(method, path, json, demoUser, Stack.DEMO_USERS.get(demoUser));
    }

    /** A GET as a demo user. */
    Answer get(String pathAndQuery, String demoUser) throws Exception {
        return get(pathAndQuery, demoUser, Stack.DEMO_USERS.get(demoUser));
    }

    private Answer call(HttpRequest.Builder request, String user, String password) throws Exception {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : readOrText(response.body());
        return new Answer(response.statusCode(), body);
    }

    /** The message with this Message-ID as the user sees it, if the user may see it. */
    Optional<JsonNode> message(String messageId, String user, String password) throws Exception {
        Answer answer = get("/api/v1/messages?messageId=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8), user, password);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET message [" + messageId + "] as " + user + ": " + answer.status() + " " + answer.body());
        }
        JsonNode items = answer.body().path("items");
        return items.size() == 0 ? Optional.empty() : Optional.of(items.get(0));
    }

    /** The demo user's consent-ledger row of this kind about this Message-ID ("receipts about me"), if there is one. */
    Optional<JsonNode> ledgerEntry(String demoUser, String kind, String messageId) throws Exception {
        for (JsonNode item : get("/api/v1/me/ledger?size=200", demoUser).body().path("items")) {
            if (item.path("kind").asText().equals(kind) && item.path("originalMessageId").asText().equals(messageId)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    static JsonNode recipient(JsonNode message, String address) {
        for (JsonNode recipient : message.path("recipients")) {
            if (recipient.path("address").asText().equalsIgnoreCase(address)) {
                return recipient;
            }
        }
        throw new AssertionError("No recipient [" + address + "] in " + message);
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
