package dev.receipts.service.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import dev.receipts.service.support.FakeImapServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class LoginLockoutTest {
    private static final String DAVE = "dave@corp.example";
    private static final String ERIN = "erin@corp.example";

    @Test
    void afterFiveFailuresTheNameShouldBeRefusedWith429WithoutAskingJames() {
        FakeImapServer imap = FakeImapResource.server();
        imap.addUser(DAVE, "dave-secret");
        imap.addUser(ERIN, "erin-secret");
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic(DAVE, "guess-" + i).get("/api/v1/me").then().statusCode(401);
        }
        int loginsBefore = imap.logins();

        Response locked = given().auth().preemptive().basic(DAVE, "dave-secret").get("/api/v1/me");
        Response form = given().redirects().follow(false).formParam("j_username", DAVE)
            .formParam("j_password", "dave-secret").post("/j_security_check");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.jsonPath().getString("error")).startsWith("Too many failed logins");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.header("Location")).endsWith("/login.html?error=locked");
        assertThat(imap.logins()).isEqualTo(loginsBefore);

        given().auth().preemptive().basic(ERIN, "erin-secret").get("/api/v1/me")
            .then().statusCode(200).body("user", equalTo(ERIN)).body("authentication", equalTo("basic"));
        assertThat(imap.logins()).isEqualTo(loginsBefore + 1);
    }
}
