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
        if ((message.classification() == Classification.DSN || message.classification() == Classification.MDN)
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

    /** DSNs and MDNs for which the parser noted at least one problem. */
    public int reportsWithProblems() {
        return reportsWithProblems;
    }
}
