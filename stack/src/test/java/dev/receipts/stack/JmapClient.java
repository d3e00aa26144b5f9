package dev.receipts.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A minimal JMAP client (RFC 8620 core, RFC 8621 mail, RFC 9007 MDN) for one user, over HTTP Basic:
 * what a JMAP mail client does to find a message and send the read receipt it asks for.
 */
final class JmapClient {
    static final String CORE = "urn:ietf:params:jmap:core";
    static final String MAIL = "urn:ietf:params:jmap:mail";
    static final String MDN = "urn:ietf:params:jmap:mdn";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();

    private final String authorization;
    private final JsonNode session;
    private final URI apiUrl;
    private final String accountId;

    private JmapClient(String authorization, JsonNode session) {
        this.authorization = authorization;
        this.session = session;
        this.apiUrl = URI.create(session.path("apiUrl").asText());
        this.accountId = session.path("primaryAccounts").path(MAIL).asText();
        if (accountId.isEmpty()) {
            throw new IllegalStateException("The JMAP session names no primary mail account: " + session);
        }
    }

    /**
     * Discovers the session the RFC 8620 way: {@code GET /.well-known/jmap} on the server (James
     * redirects it to {@code /jmap/session}), then uses the {@code apiUrl} the session gives.
     */
    static JmapClient connect(String serverBaseUrl, String user, String password) throws Exception {
        String authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(serverBaseUrl + "/.well-known/jmap"))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("JMAP session for " + user + ": " + response.statusCode() + " " + response.body());
        }
        return new JmapClient(authorization, JSON.readTree(response.body()));
    }

    /** The status of an unauthenticated or badly authenticated session request. */
    static int sessionStatus(String serverBaseUrl, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverBaseUrl + "/jmap/session"))
            .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    JsonNode session() {
        return session;
    }

    String accountId() {
        return accountId;
    }

    /** One call of a JMAP request: name, arguments, call id. */
    record Call(String name, ObjectNode arguments, String callId) {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Sends one JMAP request ({@code using} the given capabilities) and returns its method responses. */
    JsonNode request(List<String> using, Call... calls) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode usingNode = body.putArray("using");
        using.forEach(usingNode::add);
        ArrayNode methodCalls = body.putArray("methodCalls");
        for (Call call : calls) {
            methodCalls.addArray().add(call.name()).add(call.arguments()).add(call.callId());
        }
        lastRequest = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(apiUrl)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("JMAP request failed: " + response.statusCode() + " " + response.body() + "\n" + lastRequest);
        }
        JsonNode answer = JSON.readTree(response.body());
        lastResponse = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer);
        return answer.path("methodResponses");
    }

    private String lastRequest = "";
    private String lastResponse = "";

    /** The last request sent, pretty printed (for the report and for failure messages). */
    String lastRequest() {
        return lastRequest;
    }

    String lastResponse() {
        return lastResponse;
    }

    /** The arguments of the response to {@code callId}; fails on a JMAP method error. */
    static JsonNode response(JsonNode methodResponses, String callId) {
        for (JsonNode response : methodResponses) {
            if (callId.equals(response.path(2).asText())) {
                if ("error".equals(response.path(0).asText())) {
                    throw new IllegalStateException("JMAP method error for " + callId + ": " + response.path(1));
                }
                return response.path(1);
            }
        }
        throw new IllegalStateException("No response to " + callId + " in " + methodResponses);
    }

    /** The id of the mailbox with the role {@code inbox} (Mailbox/get, RFC 8621 section 2). */
    String inboxId() throws Exception {
        ObjectNode get = object().put("accountId", accountId);
        get.putNull("ids");
        get.putArray("properties").add("id").add("name").add("role");
        JsonNode list = response(request(List.of(CORE, MAIL), new Call("Mailbox/get", get, "m")), "m").path("list");
        for (JsonNode mailbox : list) {
            if ("inbox".equals(mailbox.path("role").asText())) {
                return mailbox.path("id").asText();
            }
        }
        throw new IllegalStateException("No inbox among " + list);
    }

    /**
     * The email with this Message-ID in the inbox: Email/query (inMailbox, newest first) and Email/get on
     * its result by back-reference (RFC 8620 section 3.7), in one request.
     */
    Optional<JsonNode> findInInbox(String inboxId, String messageId) throws Exception {
        String bare = messageId.replaceAll("^<|>$", "");
        ObjectNode query = object().put("accountId", accountId);
        query.putObject("filter").put("inMailbox", inboxId);
        query.putArray("sort").addObject().put("property", "receivedAt").put("isAscending", false);
        query.put("limit", 50);
        ObjectNode get = object().put("accountId", accountId);
        get.putObject("#ids").put("resultOf", "q").put("name", "Email/query").put("path", "/ids");
        get.putArray("properties").add("id").add("messageId").add("subject").add("keywords")
            .add("header:Disposition-Notification-To:asAddresses");
        JsonNode responses = request(List.of(CORE, MAIL), new Call("Email/query", query, "q"), new Call("Email/get", get, "g"));
        for (JsonNode email : response(responses, "g").path("list")) {
            for (JsonNode id : email.path("messageId")) {
                if (bare.equals(id.asText())) {
                    return Optional.of(email);
                }
            }
        }
        return Optional.empty();
    }

    /** The email's current properties (Email/get). */
    JsonNode email(String emailId, String... properties) throws Exception {
        ObjectNode get = object().put("accountId", accountId);
        get.putArray("ids").add(emailId);
        ArrayNode props = get.putArray("properties");
        for (String property : properties) {
            props.add(property);
        }
        return response(request(List.of(CORE, MAIL), new Call("Email/get", get, "g")), "g").path("list").path(0);
    }

    /** The user's identities (Identity/get, RFC 8621 section 6; James serves it under the submission capability). */
    List<JsonNode> identities() throws Exception {
        ObjectNode get = object().put("accountId", accountId);
        get.putNull("ids");
        JsonNode list = response(request(List.of(CORE, MAIL, "urn:ietf:params:jmap:submission"),
            new Call("Identity/get", get, "i")), "i").path("list");
        List<JsonNode> identities = new ArrayList<>();
        list.forEach(identities::add);
        return identities;
    }

    /**
     * RFC 9007 MDN/send: a "displayed" receipt, manual action, sent manually, for one email, with the
     * {@code $mdnsent} keyword set on it when it was sent (onSuccessUpdateEmail). Returns the whole
     * method responses (MDN/send, then the implicit Email/set when the MDN was sent).
     */
    JsonNode sendDisplayedMdn(String identityId, String emailId, String subject, String textBody) throws Exception {
        ObjectNode send = object().put("accountId", accountId).put("identityId", identityId);
        ObjectNode mdn = send.putObject("send").putObject("k1");
        mdn.put("forEmailId", emailId).put("subject", subject).put("textBody", textBody);
        mdn.putObject("disposition")
            .put("actionMode", "manual-action")
            .put("sendingMode", "mdn-sent-manually")
            .put("type", "displayed");
        send.putObject("onSuccessUpdateEmail").putObject("#k1").put("keywords/$mdnsent", true);
        return request(List.of(CORE, MAIL, MDN), new Call("MDN/send", send, "s"));
    }
}
