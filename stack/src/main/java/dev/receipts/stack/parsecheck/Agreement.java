package dev.receipts.stack.parsecheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far what our parser found in one message agrees with what the corpus expects.
 *
 * <p>A DSN agrees when it yields the expected recipients (same addresses, compared without address
 * type, angle brackets or case) each with the expected {@code d.d.d} status. The expected recipients
 * are those the corpus's script extracted from the machine-readable part; where it has none, or
 * where they differ but Sisimai's match (the script also reads the DSN of a bounced bounce),
 * Sisimai's: their number, and their statuses where Sisimai took them from the message (its own
 * {@code x.0.9xx} codes are not). Apart from that verdict, Sisimai's statuses are compared recipient
 * by recipient, in order. A message that is not a DSN is never counted as agreeing: if Sisimai
 * finds a bounce in it, it is a non-standard bounce that we do not parse.
 *
 * @param verdict         the outcome
 * @param detail          why, for a reader: what differed, or what Sisimai sees in a message we do not parse
 * @param sisimaiOnly     the verdict rests on Sisimai's recipients alone: nothing was extracted, or
 *                        the extracted fields differ and Sisimai's agree
 * @param sisimaiCompared how many of Sisimai's statuses could be compared with ours
 * @param sisimaiAgreed   how many of those were equal
 * @param reasonCompared  how many of our reasons (the taxonomy word) could be compared with Sisimai's, recipient by recipient
 * @param reasonAgreed    how many of those were equal
 *
 * <p>A non-standard bounce agrees when we read as many recipients as Sisimai does, each with an
 * address and a reason other than {@code undefined} (the corpus names no address for these, so the
 * count is what can be checked). A non-standard bounce that Sisimai does not read as a bounce differs.
 */
public record Agreement(Verdict verdict, String detail, boolean sisimaiOnly, int sisimaiCompared, int sisimaiAgreed,
                        int reasonCompared, int reasonAgreed) {
    private static final Pattern STATUS_CODE = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern SISIMAI_OWN_STATUS = Pattern.compile("^\\d\\.0\\.9\\d\\d$");

    /** The outcome of the comparison for one message. */
    public enum Verdict {
        /** A DSN whose recipients and statuses are the expected ones. */
        AGREES("agrees"),
        /** A DSN whose recipients or statuses differ from the expected ones. */
        DIFFERS("differs"),
        /** Nothing to compare with: no expected recipients for a DSN, no Sisimai opinion on anything else. */
        UNCHECKED("no expectation"),
        /** Not a DSN, but Sisimai reads a bounce in it, and the heuristics did not: a non-standard bounce missed. */
        NON_STANDARD_BOUNCE("non-standard bounce, not parsed"),
        /** A non-standard bounce read with as many recipients as Sisimai's, each with an address and a reason. */
        BOUNCE_AGREES("bounce agrees"),
        /** A non-standard bounce read otherwise: other recipients, no reason, or Sisimai sees no bounce. */
        BOUNCE_DIFFERS("bounce differs"),
        /** Not a DSN, and Sisimai reads no bounce in it either: feedback or an auto-reply. */
        NOT_A_BOUNCE("not a bounce");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The verdict alone, no reasons compared. */
    public Agreement(Verdict verdict, String detail, boolean sisimaiOnly, int sisimaiCompared, int sisimaiAgreed) {
        this(verdict, detail, sisimaiOnly, sisimaiCompared, sisimaiAgreed, 0, 0);
    }

    /** Compares one checked message with its expectation, which may be null. */
    public static Agreement of(CheckedMessage message, Expectation expectation) {
        Agreement agreement = verdictOf(message, expectation);
        if (expectation == null || (message.classification() != Classification.DSN
            && message.classification() != Classification.NON_STANDARD_BOUNCE)) {
            return agreement;
        }
        int compared = 0;
        int agreed = 0;
        for (int i = 0; i < expectation.sisimai().size() && i < message.recipients().size(); i++) {
            String expected = expectation.sisimai().get(i).reason();
            if (expected != null && !expected.isEmpty()) {
                compared++;
                if (expected.equalsIgnoreCase(String.valueOf(message.recipients().get(i).reason()))) {
                    agreed++;
                }
            }
        }
        return new Agreement(agreement.verdict(), agreement.detail(), agreement.sisimaiOnly(), agreement.sisimaiCompared(),
            agreement.sisimaiAgreed(), compared, agreed);
    }

    private static Agreement verdictOf(CheckedMessage message, Expectation expectation) {
        if (message.classification() == Classification.NON_STANDARD_BOUNCE) {
            return bounceVerdict(message, expectation);
        }
        if (message.classification() != Classification.DSN) {
            if (expectation != null && expectation.sisimaiSeesBounce()) {
                return new Agreement(Verdict.NON_STANDARD_BOUNCE, "Sisimai (" + expectation.engine() + "): "
                    + describeSisimai(expectation.sisimai()), false, 0, 0);
            }
            if (expectation == null || expectation.sisimai().isEmpty()) {
                return new Agreement(Verdict.UNCHECKED, "", false, 0, 0);
            }
            return new Agreement(Verdict.NOT_A_BOUNCE, "Sisimai: " + describeSisimai(expectation.sisimai()), false, 0, 0);
        }
        if (expectation == null) {
            return new Agreement(Verdict.UNCHECKED, "", false, 0, 0);
        }
        int compared = 0;
        int agreed = 0;
        List<String> sisimaiNotes = new ArrayList<>();
        List<FoundRecipient> found = message.recipients();
        for (int i = 0; i < expectation.sisimai().size() && i < found.size(); i++) {
            String expected = sisimaiStatusFromMessage(expectation.sisimai().get(i).status());
            if (expected != null) {
                compared++;
                String foundStatus = statusCode(found.get(i).status());
                if (expected.equals(foundStatus)) {
                    agreed++;
                } else {
                    sisimaiNotes.add("recipient " + (i + 1) + ": status " + foundStatus + ", Sisimai " + expected);
                }
            }
        }
        List<String> fromSisimai = differencesFromSisimai(found, expectation.sisimai());
        if (expectation.extracted().isEmpty()) {
            if (fromSisimai == null) {
                return new Agreement(Verdict.UNCHECKED, "", false, compared, agreed);
            }
            return new Agreement(fromSisimai.isEmpty() ? Verdict.AGREES : Verdict.DIFFERS,
                String.join("; ", fromSisimai.isEmpty() ? List.of("with Sisimai (nothing extracted)") : fromSisimai), true, compared, agreed);
        }
        List<String> fromExtracted = differencesFromExtracted(found, expectation.extracted());
        if (fromExtracted.isEmpty()) {
            return new Agreement(Verdict.AGREES, String.join("; ", sisimaiNotes), false, compared, agreed);
        }
        // The extraction script reads every delivery-status block in the file, also those of a
        // bounced bounce inside the returned message; Sisimai's opinion settles such cases.
        if (fromSisimai != null && fromSisimai.isEmpty()) {
            return new Agreement(Verdict.AGREES, "with Sisimai, not with the extracted fields: " + String.join("; ", fromExtracted),
                true, compared, agreed);
        }
        List<String> differences = new ArrayList<>(fromExtracted);
        differences.addAll(sisimaiNotes);
        return new Agreement(Verdict.DIFFERS, String.join("; ", differences), false, compared, agreed);
    }

    private static Agreement bounceVerdict(CheckedMessage message, Expectation expectation) {
        if (expectation == null || expectation.sisimai().isEmpty()) {
            return new Agreement(Verdict.UNCHECKED, "", false, 0, 0);
        }
        if (!expectation.sisimaiSeesBounce()) {
            return new Agreement(Verdict.BOUNCE_DIFFERS, "Sisimai sees no bounce: " + describeSisimai(expectation.sisimai()), true, 0, 0);
        }
        List<String> differences = new ArrayList<>();
        List<FoundRecipient> found = message.recipients();
        if (found.size() != expectation.sisimai().size()) {
            differences.add(found.size() + " recipient(s), Sisimai " + expectation.sisimai().size());
        }
        for (int i = 0; i < found.size(); i++) {
            FoundRecipient recipient = found.get(i);
            if (recipient.address() == null) {
                differences.add("recipient " + (i + 1) + " without an address");
            }
            if (recipient.reason() == null || recipient.reason().equals("undefined")) {
                differences.add("recipient " + (i + 1) + " without a reason");
            }
        }
        String sisimai = "Sisimai: " + describeSisimai(expectation.sisimai());
        if (differences.isEmpty()) {
            return new Agreement(Verdict.BOUNCE_AGREES, sisimai, true, 0, 0);
        }
        return new Agreement(Verdict.BOUNCE_DIFFERS, String.join("; ", differences) + "; " + sisimai, true, 0, 0);
    }

    private static List<String> differencesFromExtracted(List<FoundRecipient> found, List<Expectation.ExtractedRecipient> expected) {
        List<String> differences = new ArrayList<>();
        List<FoundRecipient> unmatched = new ArrayList<>(found);
        for (Expectation.ExtractedRecipient recipient : expected) {
            String address = normalizeAddress(recipient.finalRecipient());
            FoundRecipient match = unmatched.stream()
                .filter(candidate -> address != null && address.equals(normalizeAddress(candidate.address())))
                .findFirst()
                .orElse(null);
            if (match == null) {
                differences.add("recipient " + address + " not found");
                continue;
            }
            unmatched.remove(match);
            String expectedStatus = statusCode(recipient.status());
            String foundStatus = statusCode(match.status());
            if (expectedStatus != null && !expectedStatus.equals(foundStatus)) {
                differences.add(address + ": status " + foundStatus + ", expected " + expectedStatus);
            }
        }
        for (FoundRecipient extra : unmatched) {
            differences.add("unexpected recipient " + extra.address());
        }
        return differences;
    }

    private static List<String> differencesFromSisimai(List<FoundRecipient> found, List<Expectation.SisimaiRecipient> expected) {
        if (expected.isEmpty()) {
            return null;
        }
        List<String> differences = new ArrayList<>();
        if (found.size() != expected.size()) {
            differences.add(found.size() + " recipient(s), Sisimai " + expected.size());
        }
        for (int i = 0; i < expected.size() && i < found.size(); i++) {
            String expectedStatus = sisimaiStatusFromMessage(expected.get(i).status());
            String foundStatus = statusCode(found.get(i).status());
            if (expectedStatus != null && !expectedStatus.equals(foundStatus)) {
                differences.add("recipient " + (i + 1) + ": status " + foundStatus + ", Sisimai " + expectedStatus);
            }
        }
        return differences;
    }

    private static String describeSisimai(List<Expectation.SisimaiRecipient> recipients) {
        List<String> parts = new ArrayList<>();
        for (Expectation.SisimaiRecipient recipient : recipients) {
            String status = recipient.status() == null || recipient.status().isEmpty() ? "" : " " + recipient.status();
            parts.add(recipient.reason() + status);
        }
        return recipients.size() + " recipient(s): " + String.join(", ", parts);
    }

    /** A Sisimai status taken from the message, or null for none or for Sisimai's own x.0.9xx codes. */
    static String sisimaiStatusFromMessage(String status) {
        String code = statusCode(status);
        return code == null || SISIMAI_OWN_STATUS.matcher(code).matches() ? null : code;
    }

    /** The first {@code d.d.d} status code in a value, or null. */
    static String statusCode(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = STATUS_CODE.matcher(value);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** An address without its {@code addr-type;} prefix, angle brackets and case, or null. */
    static String normalizeAddress(String value) {
        if (value == null) {
            return null;
        }
        String address = value;
        int semicolon = address.indexOf(';');
        if (semicolon >= 0 && !address.substring(0, semicolon).contains("@")) {
            address = address.substring(semicolon + 1);
        }
        address = address.trim();
        if (address.startsWith("<") && address.endsWith(">") && address.length() >= 2) {
            address = address.substring(1, address.length() - 1).trim();
        }
        return address.isEmpty() ? null : address.toLowerCase(Locale.ROOT);
    }
}
