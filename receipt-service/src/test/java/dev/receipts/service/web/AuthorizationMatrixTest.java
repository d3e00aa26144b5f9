package dev.receipts.service.web;

import static dev.receipts.service.support.Events.post;
import static dev.receipts.service.support.Events.submitted;
import static dev.receipts.service.support.Events.uniqueMessageId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.receipts.service.support.Events;
import dev.receipts.service.support.FakeImapResource;
import dev.receipts.service.support.ReportLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint and page × every kind of caller, with the status each must get. Users sign in with the login
 * form (its session cookie authenticates pages and API alike); bob asks for alice's data. State-changing calls
 * carry the CSRF header and a body the endpoint refuses (400) or an id that does not exist (404), so that an
 * authorised caller is told apart from a refused one without changing data (the purge is the exception: 202,
 * or 409 when one is running). A page asked with the ingest token (a bearer token no sign-in mechanism accepts)
 * gets 401, not the login redirect a browser gets. The matrix is written to target/authorization-matrix.md for the README.
 */
@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class AuthorizationMatrixTest {
    enum Caller { ANONYMOUS, ALICE, BOB, CAROL, ADMIN, INGEST_TOKEN }

    private static final Map<String, String> COOKIES = new ConcurrentHashMap<>();
    private static final Map<String, Map<Caller, Integer>> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, String> DATA = new ConcurrentHashMap<>();
    private static final int PURGE = 2021;

    @TestHTTPResource("/")
    URL root;

    /** method, path, then the status for anonymous, alice, bob (on alice's data), carol, admin, the ingest token. */
    static Stream<Arguments> matrix() {
        List<Object[]> rows = List.of(
            row("POST", "/api/v1/ingest/events", 401, 401, 401, 401, 401, 200),
            row("GET", "/api/v1/policies/snapshot", 401, 401, 401, 401, 401, 200),
            row("GET", "/api/v1/me", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/messages", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/messages?messageId={message}", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/me/reports/{report}", 401, 200, 404, 404, 404, 401),
            row("GET", "/api/v1/me/events", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/me/policy", 401, 200, 200, 200, 200, 401),
            row("PUT", "/api/v1/me/policy", 401, 400, 400, 400, 400, 401),
            row("GET", "/api/v1/me/ledger", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/admin/organisation-policy", 401, 200, 200, 200, 200, 401),
            row("PUT", "/api/v1/admin/organisation-policy", 401, 403, 403, 403, 400, 401),
            row("GET", "/api/v1/compliance/ledger", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/compliance/pixels", 401, 403, 403, 200, 403, 401),
            row("POST", "/api/v1/compliance/reveal", 401, 403, 403, 400, 403, 401),
            row("GET", "/api/v1/compliance/messages", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/compliance/messages/count", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/compliance/messages/export", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/compliance/reports", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/compliance/reports/count", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/compliance/reports/export?format=json", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/compliance/reports/{report}", 401, 403, 403, 200, 403, 401),
            row("GET", "/api/v1/admin/audit", 401, 403, 403, 403, 200, 401),
            row("GET", "/api/v1/admin/legal-holds", 401, 403, 403, 200, 200, 401),
            row("POST", "/api/v1/admin/legal-holds", 401, 403, 403, 400, 400, 401),
            row("DELETE", "/api/v1/admin/legal-holds/999999999", 401, 403, 403, 404, 404, 401),
            row("POST", "/api/v1/admin/purges", 401, 403, 403, 403, PURGE, 401),
            row("GET", "/api/v1/admin/purges", 401, 403, 403, 403, 200, 401),
            row("GET", "/api/v1/admin/purges/999999999", 401, 403, 403, 403, 404, 401),
            row("POST", "/api/v1/admin/erasures", 401, 403, 403, 403, 400, 401),
            row("GET", "/api/v1/admin/erasures", 401, 403, 403, 403, 200, 401),
            row("GET", "/api/v1/admin/health", 401, 403, 403, 403, 200, 401),
            row("GET", "/api/v1/admin/config", 401, 403, 403, 403, 200, 401),
            row("GET", "/api/v1/stats/outcomes", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/stats/failures", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/stats/time-to-displayed", 401, 200, 200, 200, 200, 401),
            row("GET", "/api/v1/domains/partner.example", 401, 200, 200, 200, 200, 401),
            row("GET", "/q/health", 200, 200, 200, 200, 200, 200),
            row("GET", "/q/metrics", 200, 200, 200, 200, 200, 200),
            row("GET", "/login.html", 200, 200, 200, 200, 200, 200),
            row("GET", "/index.html", 302, 200, 200, 200, 200, 401),
            row("GET", "/about-me.html", 302, 200, 200, 200, 200, 401),
            row("GET", "/preferences.html", 302, 200, 200, 200, 200, 401),
            row("GET", "/message.html", 302, 200, 200, 200, 200, 401),
            row("GET", "/charts.html", 302, 200, 200, 200, 200, 401),
            row("GET", "/compliance.html", 302, 403, 403, 200, 403, 401),
            row("GET", "/search.html", 302, 403, 403, 200, 403, 401),
            row("GET", "/report.html", 302, 403, 403, 200, 403, 401),
            row("GET", "/admin.html", 302, 403, 403, 403, 200, 401),
            row("GET", "/health.html", 302, 403, 403, 403, 200, 401),
            row("GET", "/logout", 303, 303, 303, 303, 303, 303));
        List<Arguments> cases = new ArrayList<>();
        for (Object[] row : rows) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(row[0], row[1], caller, row[2 + caller.ordinal()]));
            }
        }
        return cases.stream();
    }

    private static Object[] row(String method, String path, int... statuses) {
        Object[] row = new Object[2 + statuses.length];
        row[0] = method;
        row[1] = path;
        for (int i = 0; i < statuses.length; i++) {
            row[2 + i] = statuses[i];
        }
        return row;
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @MethodSource("matrix")
    void everyCallerShouldGetTheExpectedStatus(String method, String path, Caller caller, int expected) throws Exception {
        String resolved = path.replace("{message}", data().get("message")).replace("{report}", data().get("report"));
        int status = path.equals("/api/v1/me/events") ? streamStatus(caller) : status(method, resolved, caller);
        SEEN.computeIfAbsent(method + " " + path, k -> new ConcurrentHashMap<>()).put(caller, status);

        if (expected == PURGE) {
            assertThat(status).isIn(202, 409);
        } else {
            assertThat(status).as("%s %s as %s", method, path, caller).isEqualTo(expected);
        }
    }

    @AfterAll
    static void writeTheMatrix() throws IOException {
        StringBuilder table = new StringBuilder("| endpoint | anonymous | alice | bob on alice's | carol (compliance) "
            + "| admin | ingest token |\n|---|---|---|---|---|---|---|\n");
        matrix().map(a -> a.get()[0] + " " + a.get()[1]).distinct().forEach(endpoint -> {
            table.append("| `").append(endpoint).append("` |");
            Map<Caller, Integer> seen = SEEN.getOrDefault(endpoint, Map.of());
            Arrays.stream(Caller.values()).forEach(c -> table.append(' ').append(seen.getOrDefault(c, 0)).append(" |"));
            table.append('\n');
        });
        Files.writeString(Path.of("target", "authorization-matrix.md"), table);
    }

    private static Map<String, String> data() {
        if (DATA.isEmpty()) {
            String messageId = uniqueMessageId("matrix");
            post(submitted(messageId, FakeImapResource.ALICE, null, true, "bob@corp.example")).statusCode(200);
            long report = ReportLog.insert(UUID.randomUUID().toString(), "disposition-notification", "CORRELATED",
                FakeImapResource.ALICE, messageId, "AUTHENTICATED", "bob@corp.example", null, "displayed");
            DATA.put("report", String.valueOf(report));
            DATA.put("message", messageId);
        }
        return DATA;
    }

    private int status(String method, String path, Caller caller) {
        if (caller == Caller.BOB && path.contains("messageId=")) {
            // 200, but alice's message is not in it.
            as(caller).get(path).then().body("items.size()", equalTo(0));
        }
        RequestSpecification request = as(caller).redirects().follow(false).header("X-Receipts-CSRF", "1")
            .contentType("application/json");
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.body(path.equals("/api/v1/ingest/events") ? "{\"events\":[]}" : "{}");
        }
        return request.request(method, path).statusCode();
    }

    /** The event stream never ends: read the status and hang up. */
    private int streamStatus(Caller caller) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + "api/v1/me/events")).GET();
        headers(caller).forEach(request::header);
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
            .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private RequestSpecification as(Caller caller) {
        RequestSpecification request = given();
        headers(caller).forEach(request::header);
        return request;
    }

    private static Map<String, String> headers(Caller caller) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (caller) {
            case ANONYMOUS -> {
            }
            case INGEST_TOKEN -> headers.put("Authorization", "Bearer " + Events.TOKEN);
            case ALICE -> headers.put("Cookie", "quarkus-credential=" + cookie(FakeImapResource.ALICE, FakeImapResource.ALICE_PASSWORD));
            case BOB -> headers.put("Cookie", "quarkus-credential=" + cookie(FakeImapResource.BOB, FakeImapResource.BOB_PASSWORD));
            case CAROL -> headers.put("Cookie", "quarkus-credential=" + cookie(FakeImapResource.CAROL, FakeImapResource.CAROL_PASSWORD));
            case ADMIN -> headers.put("Cookie", "quarkus-credential=" + cookie(FakeImapResource.ADMIN, FakeImapResource.ADMIN_PASSWORD));
            default -> throw new IllegalArgumentException(caller.name());
        }
        return headers;
    }

    private static String cookie(String user, String password) {
        return COOKIES.computeIfAbsent(user, u -> {
            String value = given().redirects().follow(false).formParam("j_username", u).formParam("j_password", password)
                .post("/j_security_check").cookie("quarkus-credential");
            if (value == null) {
                throw new UncheckedIOException(new IOException("form login failed for " + u));
            }
            return value;
        });
    }
}
