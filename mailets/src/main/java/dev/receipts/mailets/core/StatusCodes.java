package dev.receipts.mailets.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain words for the enhanced mail system status codes of RFC 3463 and the IANA "Enumerated Status
 * Codes" registry (RFC 3886, 4468, 4865, 4954, 5248, 6710, 7293, 7372, 7504, 8098 and others):
 * {@code 5.1.1} is "permanent failure: the mailbox does not exist".
 *
 * <p>The words say the class (2 success, 4 persistent transient failure, 5 permanent failure) and
 * then the detail; a detail this table does not know falls back to the words of its subject. A
 * value that is not a {@code class.subject.detail} code has no explanation.
 */
public final class StatusCodes {
    private static final Pattern CODE = Pattern.compile("^\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})\\s*$");
    private static final Map<String, String> SUBJECTS = new HashMap<>();
    private static final Map<String, String> DETAILS = new HashMap<>();

    static {
        SUBJECTS.put("0", "an undefined problem");
        SUBJECTS.put("1", "a problem with an address");
        SUBJECTS.put("2", "a problem with the recipient's mailbox");
        SUBJECTS.put("3", "a problem with the receiving mail system");
        SUBJECTS.put("4", "a network or routing problem");
        SUBJECTS.put("5", "a mail delivery protocol problem");
        SUBJECTS.put("6", "a problem with the message content or media");
        SUBJECTS.put("7", "a security or policy problem");

        DETAILS.put("0.0", "no further detail given");
        DETAILS.put("1.0", "a problem with an address");
        DETAILS.put("1.1", "the mailbox does not exist");
        DETAILS.put("1.2", "the destination domain or host does not exist");
        DETAILS.put("1.3", "the recipient address is not valid (bad syntax)");
        DETAILS.put("1.4", "the recipient address is ambiguous");
        DETAILS.put("1.5", "the recipient address is valid");
        DETAILS.put("1.6", "the mailbox has moved, no forwarding address");
        DETAILS.put("1.7", "the sender address is not valid (bad syntax)");
        DETAILS.put("1.8", "the sender's domain is not valid");
        DETAILS.put("1.9", "the message was relayed to a non-compliant mailer");
        DETAILS.put("1.10", "the recipient's domain accepts no mail (null MX)");
        DETAILS.put("2.0", "a problem with the mailbox");
        DETAILS.put("2.1", "the mailbox is disabled and accepts no messages");
        DETAILS.put("2.2", "the mailbox is full");
        DETAILS.put("2.3", "the message is longer than the mailbox accepts");
        DETAILS.put("2.4", "a mailing list could not be expanded");
        DETAILS.put("3.0", "a problem with the receiving mail system");
        DETAILS.put("3.1", "the receiving mail system is full");
        DETAILS.put("3.2", "the receiving system accepts no messages now");
        DETAILS.put("3.3", "the receiving system cannot handle a feature the message needs");
        DETAILS.put("3.4", "the message is too big for the receiving system");
        DETAILS.put("3.5", "the receiving system is configured wrongly");
        DETAILS.put("3.6", "the requested priority was changed");
        DETAILS.put("4.0", "a network or routing problem");
        DETAILS.put("4.1", "the destination host did not answer");
        DETAILS.put("4.2", "the connection was dropped");
        DETAILS.put("4.3", "a directory (DNS) server failed");
        DETAILS.put("4.4", "the message could not be routed (no mail server found)");
        DETAILS.put("4.5", "the network is congested");
        DETAILS.put("4.6", "the message was caught in a routing loop");
        DETAILS.put("4.7", "the delivery time expired");
        DETAILS.put("4.8", "the message was refused for its requested priority");
        DETAILS.put("5.0", "a mail delivery protocol problem");
        DETAILS.put("5.1", "a mail protocol command was not valid");
        DETAILS.put("5.2", "a mail protocol command had a syntax error");
        DETAILS.put("5.3", "the message had too many recipients");
        DETAILS.put("5.4", "a mail protocol command had invalid arguments");
        DETAILS.put("5.5", "the mail protocol version was wrong");
        DETAILS.put("5.6", "an authentication exchange line was too long");
        DETAILS.put("6.0", "a problem with the message content or media");
        DETAILS.put("6.1", "the message content is not supported");
        DETAILS.put("6.2", "the content would have to be converted, which is not allowed");
        DETAILS.put("6.3", "the content needed a conversion that is not supported");
        DETAILS.put("6.4", "the content was converted with loss");
        DETAILS.put("6.5", "the content conversion failed");
        DETAILS.put("6.6", "the message content is no longer available");
        DETAILS.put("6.7", "the address needs an internationalised (SMTPUTF8) path that is missing");
        DETAILS.put("6.8", "the internationalised address was downgraded");
        DETAILS.put("6.9", "the internationalised (UTF-8) message cannot be delivered to a non-UTF-8 recipient");
        DETAILS.put("6.10", "the internationalised message was downgraded");
        DETAILS.put("7.0", "a security or policy problem");
        DETAILS.put("7.1", "delivery not authorised, message refused");
        DETAILS.put("7.2", "expanding the mailing list is not authorised");
        DETAILS.put("7.3", "a security conversion is required but not possible");
        DETAILS.put("7.4", "the security features are not supported");
        DETAILS.put("7.5", "a cryptographic failure");
        DETAILS.put("7.6", "the cryptographic algorithm is not supported");
        DETAILS.put("7.7", "the message integrity check failed");
        DETAILS.put("7.8", "the authentication credentials are not valid");
        DETAILS.put("7.9", "the authentication mechanism is too weak");
        DETAILS.put("7.10", "encryption is needed");
        DETAILS.put("7.11", "encryption is required for the requested authentication mechanism");
        DETAILS.put("7.12", "a password transition is needed");
        DETAILS.put("7.13", "the user account is disabled");
        DETAILS.put("7.14", "a trust relationship is required");
        DETAILS.put("7.15", "the priority level is too high");
        DETAILS.put("7.16", "the message is too big for the requested priority");
        DETAILS.put("7.17", "the mailbox owner has changed");
        DETAILS.put("7.18", "the domain owner has changed");
        DETAILS.put("7.19", "the RRVS test cannot be completed");
        DETAILS.put("7.20", "no passing DKIM signature was found");
        DETAILS.put("7.21", "no acceptable DKIM signature was found");
        DETAILS.put("7.22", "no valid author-matched DKIM signature was found");
        DETAILS.put("7.23", "the SPF validation failed");
        DETAILS.put("7.24", "the SPF validation had an error");
        DETAILS.put("7.25", "the sending host has no valid reverse DNS");
        DETAILS.put("7.26", "the sender authentication checks (SPF, DKIM, DMARC) failed");
        DETAILS.put("7.27", "the sender's domain accepts no mail (null MX)");
        DETAILS.put("7.28", "the mail flood of this message was detected");
        DETAILS.put("7.29", "the ARC validation failed");
        DETAILS.put("7.30", "REQUIRETLS is needed");
    }

    private StatusCodes() {
    }

    /**
     * The plain words for a {@code class.subject.detail} code, or empty when it is not one
     * (null, blank, {@code 6.1.1}, {@code 5.1}).
     */
    public static Optional<String> explain(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(code);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String subject = strip(matcher.group(2));
        String detail = strip(matcher.group(3));
        String words = DETAILS.get(subject + "." + detail);
        if (words == null) {
            words = SUBJECTS.getOrDefault(subject, "a problem of an unknown kind");
        }
        return Optional.of(classWords(matcher.group(1)) + ": " + words);
    }

    /** {@code success}, {@code persistent transient failure} or {@code permanent failure}. */
    static String classWords(String statusClass) {
        switch (statusClass) {
            case "2":
                return "success";
            case "4":
                return "persistent transient failure (delivery may still succeed)";
            default:
                return "permanent failure";
        }
    }

    private static String strip(String number) {
        String stripped = number.replaceFirst("^0+(?=\\d)", "");
        return stripped;
    }
}
