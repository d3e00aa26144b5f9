package dev.receipts.service.security.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import dev.receipts.service.support.StandInOidcProvider;
import dev.receipts.service.support.StandInOidcResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
@TestProfile(OidcSignInTest.OidcOn.class)
class OidcSignInTest {
    /** OIDC on, against the stand-in provider. */
    public static class OidcOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandInOidcResource.class));
        }
    }

    @TestHTTPResource("/")
    URL root;

    private static StandInOidcProvider provider() {
        return StandInOidcResource.provider();
    }

    @Test
    void aBearerTokenShouldSignInTheEmailClaimWithTheConfiguredRoles() {
        String token = provider().accessToken(Map.of("email", "Carol@Corp.Example", "groups", List.of("admin")));

        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
            .body("user", equalTo("carol@corp.example")).body("roles", contains("employee", "compliance"))
            .body("authentication", equalTo("oidc"));
        given().auth().oauth2(token).get("/api/v1/compliance/pixels").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/admin/health").then().statusCode(403);
    }

    @Test
    void aTokenWithoutTheUserClaimOrAForgedOneShouldGet401() {
        given().auth().oauth2(provider().accessToken(Map.of("name", "Carol"))).get("/api/v1/me").then().statusCode(401);
        String token = provider().accessToken(Map.of("email", "carol@corp.example"));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void basicAndTheLoginFormShouldStillWorkForMailUsers() {
        given().auth().preemptive().basic(FakeImapResource.BOB, FakeImapResource.BOB_PASSWORD).get("/api/v1/me")
            .then().statusCode(200).body("user", equalTo(FakeImapResource.BOB)).body("authentication", equalTo("basic"));
        Response login = given().redirects().follow(false).formParam("j_username", FakeImapResource.ALICE)
            .formParam("j_password", FakeImapResource.ALICE_PASSWORD).post("/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.cookie("quarkus-credential");
        given().cookie("quarkus-credential", cookie).get("/api/v1/me").then().statusCode(200)
            .body("user", equalTo(FakeImapResource.ALICE)).body("authentication", equalTo("form"));
        given().cookie("quarkus-credential", cookie).redirects().follow(false).get("/index.html").then().statusCode(200);
        // With OIDC on, an anonymous page visit starts the code flow; the login form stays at /login.html.
        given().redirects().follow(false).get("/index.html").then().statusCode(302)
            .header("Location", startsWith(provider().issuer() + "/authorize?"));
        given().get("/login.html").then().statusCode(200);
        given().redirects().follow(false).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void theCodeFlowShouldSignInAtOidcLoginAndItsSessionShouldOpenThePagesAndTheApi() throws Exception {
        provider().signInAs("admin@corp.example");
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.ALWAYS).build();

        HttpResponse<String> landing = browser.send(HttpRequest.newBuilder(URI.create(root + "oidc-login")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(landing.uri().getPath()).isEqualTo("/index.html");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(provider().tokenRequests()).contains("authorization_code");

        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(root + "api/v1/me")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"user\":\"admin@corp.example\"", "\"admin\"", "\"authentication\":\"oidc\"");
    }
}
