package dev.receipts.service.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the pages send them: JSON, with the anti-CSRF header every state-changing API call needs. */
public final class Api {
    public static final String CSRF_HEADER = "X-Receipts-CSRF";

    private Api() {
    }

    public static RequestSpecification api() {
        return given().contentType(ContentType.JSON).header(CSRF_HEADER, "1");
    }
}
