package dev.receipts.stack.parsecheck;

/**
 * One message file checked: what the parser made of it, what the corpus expects (null when
 * nothing), and how far the two agree.
 */
public record CheckResult(CheckedMessage message, Expectation expectation, Agreement agreement) {

    /** Checks {@code message} against {@code expectation}, which may be null. */
    public static CheckResult of(CheckedMessage message, Expectation expectation) {
        return new CheckResult(message, expectation, Agreement.of(message, expectation));
    }
}
