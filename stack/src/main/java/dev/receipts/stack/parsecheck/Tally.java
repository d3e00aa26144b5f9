package dev.receipts.stack.parsecheck;

import java.util.EnumMap;
import java.util.Map;

/** Counts over a set of {@link CheckResult}s: a family's, or all of them. */
public final class Tally {
    private final Map<Classification, Integer> byClassification = new EnumMap<>(Classification.class);
    private final Map<Agreement.Verdict, Integer> byVerdict = new EnumMap<>(Agreement.Verdict.class);
    private int files;
    private int dsnWithRecipients;
    private int dsnRecipients;
    private int dsnRecipientsWithActionAndStatus;
    private int sisimaiCompared;
    private int sisimaiAgreed;
    private int reportsWithProblems;
    private int agreesWithSisimaiOnly;
    private int othersUnchecked;
    private int bouncesExpected;
    private int bouncesAgreed;
    private int falseBounces;
    private int bounceRecipients;
    private int bounceRecipientsWithReason;
    private int dsnReasonCompared;
    private int dsnReasonAgreed;
    private int bounceReasonCompared;
    private int bounceReasonAgreed;

    /** Adds one result to the counts. */
    public Tally add(CheckResult result) {
        CheckedMessage message = result.message();
        files++;
        byClassification.merge(message.classification(), 1, Integer::sum);
        byVerdict.merge(result.agreement().verdict(), 1, Integer::sum);
        if (message.classification() == Classification.DSN) {
            if (!message.recipients().isEmpty()) {
                dsnWithRecipients++;
            }
            for (FoundRecipient recipient : message.recipients()) {
                dsnRecipients++;
                if (recipient.action() != null && recipient.status() != null) {
                    dsnRecipientsWithActionAndStatus++;
                }
            }
        }
        if (message.classification() == Classification.NON_STANDARD_BOUNCE) {
            for (FoundRecipient recipient : message.recipients()) {
                bounceRecipients++;
                if (recipient.reason() != null && !recipient.reason().equals("undefined")) {
                    bounceRecipientsWithReason++;
                }
            }
            bounceReasonCompared += result.agreement().reasonCompared();
            bounceReasonAgreed += result.agreement().reasonAgreed();
            if (result.expectation() != null && !result.expectation().sisimai().isEmpty() && !result.expectation().sisimaiSeesBounce()) {
                falseBounces++;
            }
        }
        if (message.classification() == Classification.DSN) {
            dsnReasonCompared += result.agreement().reasonCompared();
            dsnReasonAgreed += result.agreement().reasonAgreed();
        }
        if (message.classification() != Classification.DSN && result.expectation() != null && result.expectation().sisimaiSeesBounce()) {
            bouncesExpected++;
            if (result.agreement().verdict() == Agreement.Verdict.BOUNCE_AGREES) {
                bouncesAgreed++;
            }
        }
        if ((message.classification() == Classification.DSN || message.classification() == Classification.MDN
            || message.classification() == Classification.NON_STANDARD_BOUNCE)
            && !message.problems().isEmpty()) {
            reportsWithProblems++;
        }
        if (message.classification() != Classification.DSN && result.agreement().verdict() == Agreement.Verdict.UNCHECKED) {
            othersUnchecked++;
        }
        if (result.agreement().verdict() == Agreement.Verdict.AGREES && result.agreement().sisimaiOnly()) {
            agreesWithSisimaiOnly++;
        }
        sisimaiCompared += result.agreement().sisimaiCompared();
        sisimaiAgreed += result.agreement().sisimaiAgreed();
        return this;
    }

    /** Adds every result to the counts. */
    public Tally addAll(Iterable<CheckResult> results) {
        for (CheckResult result : results) {
            add(result);
        }
        return this;
    }

    public int files() {
        return files;
    }

    public int count(Classification classification) {
        return byClassification.getOrDefault(classification, 0);
    }

    public int count(Agreement.Verdict verdict) {
        return byVerdict.getOrDefault(verdict, 0);
    }

    /** DSNs compared with an expectation: those that agree plus those that differ. */
    public int dsnCompared() {
        return count(Agreement.Verdict.AGREES) + count(Agreement.Verdict.DIFFERS);
    }

    public int dsnWithRecipients() {
        return dsnWithRecipients;
    }

    public int dsnRecipients() {
        return dsnRecipients;
    }

    public int dsnRecipientsWithActionAndStatus() {
        return dsnRecipientsWithActionAndStatus;
    }

    public int sisimaiCompared() {
        return sisimaiCompared;
    }

    public int sisimaiAgreed() {
        return sisimaiAgreed;
    }

    /** DSNs that agree on Sisimai's recipients alone (see {@link Agreement#sisimaiOnly()}). */
    public int agreesWithSisimaiOnly() {
        return agreesWithSisimaiOnly;
    }

    /** Messages other than DSNs on which the expectations have no opinion. */
    public int othersUnchecked() {
        return othersUnchecked;
    }

    /** Messages that are not DSNs but in which Sisimai reads a bounce: the non-standard bounces to read. */
    public int bouncesExpected() {
        return bouncesExpected;
    }

    /** Of {@link #bouncesExpected()}, those read with Sisimai's number of recipients, each with an address and a reason. */
    public int bouncesAgreed() {
        return bouncesAgreed;
    }

    /** Messages read as non-standard bounces in which Sisimai sees no bounce (feedback, auto-replies). */
    public int falseBounces() {
        return falseBounces;
    }

    public int bounceRecipients() {
        return bounceRecipients;
    }

    public int bounceRecipientsWithReason() {
        return bounceRecipientsWithReason;
    }

    public int dsnReasonCompared() {
        return dsnReasonCompared;
    }

    public int dsnReasonAgreed() {
        return dsnReasonAgreed;
    }

    public int bounceReasonCompared() {
        return bounceReasonCompared;
    }

    public int bounceReasonAgreed() {
        return bounceReasonAgreed;
    }

    /** Messages of the "other report" category: MDNs, auto-replies, feedback and other reports. */
    public int otherReports() {
        return count(Classification.MDN) + count(Classification.AUTO_REPLY) + count(Classification.OTHER_REPORT);
    }

    /** DSNs, MDNs and non-standard bounces for which the parser noted at least one problem. */
    public int reportsWithProblems() {
        return reportsWithProblems;
    }
}
