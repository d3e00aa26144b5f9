package dev.receipts.stack.parsecheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders parse-check results as plain text: one line per recipient found (one per message when
 * none), then one line per family, then the totals.
 */
public final class ParseCheckTable {
    private static final int FILE_WIDTH = 32;
    private static final int ADDRESS_WIDTH = 34;
    private static final int DIAGNOSTIC_WIDTH = 48;

    private ParseCheckTable() {
    }

    /** The whole table for {@code results}, in their order. */
    public static String render(List<CheckResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-" + FILE_WIDTH + "s %-16s %-9s %-7s %-" + ADDRESS_WIDTH + "s %-15s %-" + DIAGNOSTIC_WIDTH + "s %s%n",
            "file", "class", "action", "status", "recipient", "reason", "diagnostic / disposition", "agreement"));
        for (CheckResult result : results) {
            messageLines(result, out);
        }
        out.append(System.lineSeparator());
        familyLines(results, out);
        out.append(System.lineSeparator());
        totals(new Tally().addAll(results), out);
        return out.toString();
    }

    private static void messageLines(CheckResult result, StringBuilder out) {
        CheckedMessage message = result.message();
        String classification = message.classification().label();
        if (message.classification() == Classification.OTHER_REPORT && message.reportType() != null) {
            classification = message.reportType().isEmpty() ? "report, no type" : message.reportType();
        }
        String verdict = result.agreement().verdict().label()
            + (result.agreement().detail().isEmpty() ? "" : ": " + result.agreement().detail());
        if (message.classification() == Classification.UNREADABLE
            || (message.recipients().isEmpty() && !message.problems().isEmpty())) {
            verdict = verdict + " (" + String.join("; ", message.problems()) + ")";
        }
        List<FoundRecipient> recipients = message.recipients().isEmpty()
            ? List.of(new FoundRecipient(null, null, null, null, null)) : message.recipients();
        for (int i = 0; i < recipients.size(); i++) {
            FoundRecipient recipient = recipients.get(i);
            out.append(String.format(Locale.ROOT, "%-" + FILE_WIDTH + "s %-16s %-9s %-7s %-" + ADDRESS_WIDTH + "s %-15s %-" + DIAGNOSTIC_WIDTH + "s %s%n",
                i == 0 ? cut(message.file(), FILE_WIDTH) : "",
                i == 0 ? classification : "",
                dash(recipient.action()),
                dash(recipient.status()),
                cut(dash(recipient.address()), ADDRESS_WIDTH),
                dash(recipient.reason()),
                cut(dash(recipient.diagnostic()), DIAGNOSTIC_WIDTH),
                i == 0 ? verdict : "").stripTrailing()).append(System.lineSeparator());
        }
    }

    private static void familyLines(List<CheckResult> results, StringBuilder out) {
        Map<String, Tally> families = new LinkedHashMap<>();
        for (CheckResult result : results) {
            families.computeIfAbsent(result.message().family(), family -> new Tally()).add(result);
        }
        List<Map.Entry<String, Tally>> sorted = new ArrayList<>(families.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, Tally>>comparingInt(entry -> -entry.getValue().files())
            .thenComparing(Map.Entry::getKey));
        String format = "%-22s %5s %5s %7s %5s %7s %6s %10s %14s %12s %12s%n";
        out.append(String.format(Locale.ROOT, format, "family", "files", "DSN", "non-std", "other", "not-rpt", "unread",
            "DSN agree", "Sisimai status", "bounce agree", "reason agree"));
        for (Map.Entry<String, Tally> entry : sorted) {
            familyLine(entry.getKey(), entry.getValue(), format, out);
        }
        familyLine("all", new Tally().addAll(results), format, out);
    }

    private static void familyLine(String family, Tally tally, String format, StringBuilder out) {
        out.append(String.format(Locale.ROOT, format, cut(family, 22), tally.files(),
            tally.count(Classification.DSN), tally.count(Classification.NON_STANDARD_BOUNCE), tally.otherReports(),
            tally.count(Classification.NOT_A_REPORT), tally.count(Classification.UNREADABLE),
            tally.count(Agreement.Verdict.AGREES) + "/" + tally.dsnCompared(),
            tally.sisimaiAgreed() + "/" + tally.sisimaiCompared(),
            tally.bouncesAgreed() + "/" + tally.bouncesExpected(),
            (tally.dsnReasonAgreed() + tally.bounceReasonAgreed()) + "/" + (tally.dsnReasonCompared() + tally.bounceReasonCompared())));
    }

    private static void totals(Tally tally, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "files: %d: %d DSN, %d non-standard bounce, %d other report (%d MDN, %d auto-reply, "
                + "%d feedback or other), %d not a report, %d unreadable%n",
            tally.files(), tally.count(Classification.DSN), tally.count(Classification.NON_STANDARD_BOUNCE), tally.otherReports(),
            tally.count(Classification.MDN), tally.count(Classification.AUTO_REPLY), tally.count(Classification.OTHER_REPORT),
            tally.count(Classification.NOT_A_REPORT), tally.count(Classification.UNREADABLE)));
        out.append(String.format(Locale.ROOT, "DSN recipients: %d DSN yielded recipients, %d recipients, %d with an action and a status; "
                + "%d DSN/MDN/bounces with parser problems noted%n",
            tally.dsnWithRecipients(), tally.dsnRecipients(), tally.dsnRecipientsWithActionAndStatus(), tally.reportsWithProblems()));
        out.append(String.format(Locale.ROOT, "DSN agreement (recipient + status): %d of %d agree (%s), %d differ; "
                + "%d of the agreeing rest on Sisimai's recipients alone; %d DSN without expectation%n",
            tally.count(Agreement.Verdict.AGREES), tally.dsnCompared(),
            percent(tally.count(Agreement.Verdict.AGREES), tally.dsnCompared()), tally.count(Agreement.Verdict.DIFFERS),
            tally.agreesWithSisimaiOnly(), tally.count(Classification.DSN) - tally.dsnCompared()));
        out.append(String.format(Locale.ROOT, "Sisimai statuses read from the message (not its x.0.9xx codes): %d of %d equal (%s)%n",
            tally.sisimaiAgreed(), tally.sisimaiCompared(), percent(tally.sisimaiAgreed(), tally.sisimaiCompared())));
        out.append(String.format(Locale.ROOT, "non-standard bounces (heuristic): %d read, %d recipients, %d with a reason; "
                + "%d read as bounces where Sisimai sees none%n",
            tally.count(Classification.NON_STANDARD_BOUNCE), tally.bounceRecipients(), tally.bounceRecipientsWithReason(), tally.falseBounces()));
        out.append(String.format(Locale.ROOT, "bounce agreement (Sisimai's number of recipients, each with an address and a reason): "
                + "%d of %d agree (%s); %d not read%n",
            tally.bouncesAgreed(), tally.bouncesExpected(), percent(tally.bouncesAgreed(), tally.bouncesExpected()),
            tally.count(Agreement.Verdict.NON_STANDARD_BOUNCE)));
        out.append(String.format(Locale.ROOT, "reason equal to Sisimai's: DSN %d of %d (%s), non-standard bounces %d of %d (%s)%n",
            tally.dsnReasonAgreed(), tally.dsnReasonCompared(), percent(tally.dsnReasonAgreed(), tally.dsnReasonCompared()),
            tally.bounceReasonAgreed(), tally.bounceReasonCompared(), percent(tally.bounceReasonAgreed(), tally.bounceReasonCompared())));
        out.append(String.format(Locale.ROOT, "not DSN nor bounce: %d not bounces (feedback, auto-replies), %d without expectation%n",
            tally.count(Agreement.Verdict.NOT_A_BOUNCE), tally.othersUnchecked()));
    }

    static String percent(int part, int whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static String dash(String value) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        return value.replaceAll("\\s+", " ").trim();
    }

    private static String cut(String value, int width) {
        return value.length() <= width ? value : value.substring(0, width - 1) + "…";
    }
}
