package dev.receipts.service.web;

import static dev.receipts.service.support.FakeImapResource.ALICE;
import static dev.receipts.service.support.FakeImapResource.ALICE_PASSWORD;
import static dev.receipts.service.support.FakeImapResource.CAROL;
import static dev.receipts.service.support.FakeImapResource.CAROL_PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class WebSecurityTest {
    private static final String COOKIE = "quarkus-credential";

    @Test
    void loginPageShouldBeServedFromTheWebUiJar() {
        given().get("/login.html").then().statusCode(200)
            .body(containsString("action=\"/j_security_check\""))
            .body(containsString("name=\"j_username\""))
            .body(containsString("name=\"j_password\""));
        given().get("/receipts.js").then().statusCode(200).body(containsString("textContent"));
    }

    @Test
    void anonymousPageRequestShouldBeRedirectedToTheLoginPage() {
        given().redirects().follow(false).get("/index.html")
            .then().statusCode(302).header("Location", endsWith("/login.html"));
    }

    @Test
    void formLoginShouldGiveACookieThatWorksForThePageAndTheApi() {
        Response login = formLogin(ALICE, ALICE_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/index.html");
        String cookie = login.cookie(COOKIE);
        assertThat(cookie).isNotBlank();

        given().cookie(COOKIE, cookie).get("/api/v1/me")
            .then().statusCode(200).body("user", equalTo(ALICE)).body("roles", contains("employee"));
        given().cookie(COOKIE, cookie).redirects().follow(false).get("/index.html")
            .then().statusCode(200).body(containsString("Sent receipts"));
    }

    @Test
    void formLoginWithAWrongPasswordShouldGoBackToTheLoginPageWithAnError() {
        Response login = formLogin(ALICE, "wrong");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/login.html?error");
        assertThat(login.cookie(COOKIE)).isNull();
    }

    @Test
    void basicAuthShouldBeCheckedAgainstImapAndGiveConfiguredRoles() {
        given().auth().preemptive().basic(CAROL, CAROL_PASSWORD).get("/api/v1/me")
            .then().statusCode(200).body("user", equalTo(CAROL)).body("roles", contains("employee", "compliance"));
    }

    @Test
    void basicAuthWithAWrongPasswordShouldGet401() {
        given().auth().preemptive().basic(CAROL, "wrong").redirects().follow(false).get("/api/v1/me")
            .then().statusCode(401).body("error", equalTo("Authentication required"));
    }

    @Test
    void logoutShouldClearTheSessionCookieAndGoToTheLoginPage() {
        String cookie = formLogin(ALICE, ALICE_PASSWORD).cookie(COOKIE);

        Response logout = given().cookie(COOKIE, cookie).redirects().follow(false).get("/logout");

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.header("Location")).endsWith("/login.html");
        assertThat(logout.detailedCookie(COOKIE).getMaxAge()).isZero();
        assertThat(logout.cookie(COOKIE)).isEmpty();
    }

    @Test
    void healthShouldBeUpWithTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
            .body(containsString("Database connections health check"));
    }

    private static Response formLogin(String user, String password) {
        return given().redirects().follow(false)
            .formParam("j_username", user)
            .formParam("j_password", password)
            .post("/j_security_check");
    }

}
