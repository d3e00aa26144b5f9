package dev.receipts.service.common;

/** The body of every error answer: {@code {"error": "..."}}. */
public record ErrorResponse(String error) {
}
