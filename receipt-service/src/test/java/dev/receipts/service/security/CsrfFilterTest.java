package dev.receipts.service.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.receipts.service.privacy.PseudonymTable;
import dev.receipts.service.support.FakeImapResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(FakeImapResource.class)
class CsrfFilterTest {
    @Inject
    PseudonymTable pseudonymTable;

    @Test
    void everyStateChangingApiMethodWithoutTheHeaderShouldGet403() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            given().auth().preemptive().basic(FakeImapResource.ADMIN, FakeImapResource.ADMIN_PASSWORD)
                .request(method, "/api/v1/admin/organisation-policy")
                .then().statusCode(403).body("error", containsString("X-Receipts-CSRF"));
        }
        given().header("X-Receipts-CSRF", "yes").request("DELETE", "/api/v1/anything").then().statusCode(403);
    }

    @Test
    void readsAndTheLoginFormShouldNotNeedTheHeader() {
        given().auth().preemptive().basic(FakeImapResource.ALICE, FakeImapResource.ALICE_PASSWORD)
            .get("/api/v1/me/policy").then().statusCode(200);
        given().redirects().follow(false).formParam("j_username", FakeImapResource.ALICE)
            .formParam("j_password", FakeImapResource.ALICE_PASSWORD).post("/j_security_check")
            .then().statusCode(302);
    }

    @Test
    void rememberingTheSameNewAddressConcurrentlyShouldNeverFail() throws Exception {
        String address = "racer-" + System.nanoTime() + "@example.net";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            Callable<String> remember = () -> pseudonymTable.remember(address);
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(remember));
            }
            String first = answers.get(0).get(30, TimeUnit.SECONDS);
            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            }
            assertThat(pseudonymTable.reveal(first)).contains(address);
        } finally {
            pool.shutdownNow();
        }
    }
}
