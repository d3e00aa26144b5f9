package dev.receipts.mailets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;

import dev.receipts.contract.XText;

/**
 * Reads the envelope facts the events carry from a James {@link Mail}, without changing it.
 */
final class MailFacts {
    private MailFacts() {
    }

    /** James's name for the mail, for log lines; never throws. */
    static String name(Mail mail) {
        try {
            return mail.getName();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** The envelope sender, or null for the null sender {@code <>}. */
    static String sender(Mail mail) {
        return mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null);
    }

    /**
     * Who submitted the mail, as an address, lower case: the SMTP AUTH user, else the envelope
     * sender; null when neither is known.
     */
    static String author(Mail mail) {
        String author = authUser(mail);
        if (author == null || author.isBlank()) {
            author = sender(mail);
        }
        return author == null || author.isBlank() ? null : author.trim().toLowerCase(Locale.ROOT);
    }

    static boolean hasNullSender(Mail mail) {
        return mail.getMaybeSender().isNullSender();
    }

    /** The SMTP AUTH user James recorded, or null. */
    static String authUser(Mail mail) {
        return mail.getAttribute(Mail.SMTP_AUTH_USER)
            .map(Attribute::getValue)
            .map(AttributeValue::value)
            .map(String::valueOf)
            .orElse(null);
    }

    static Optional<DsnParameters> dsn(Mail mail) {
        return mail.dsnParameters();
    }

    /** The DSN ENVID, xtext-decoded, or null. */
    static String envelopeId(Mail mail) {
        return dsn(mail)
            .flatMap(DsnParameters::getEnvIdParameter)
            .map(envId -> XText.decode(envId.asString()))
            .orElse(null);
    }

    /** The domains of the envelope recipients, lower case, in order. */
    static List<String> recipientDomains(Mail mail) {
        List<String> domains = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            domains.add(recipient.getDomain().asString().toLowerCase(Locale.ROOT));
        }
        return domains;
    }

    static List<String> recipients(Mail mail) {
        List<String> recipients = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            recipients.add(recipient.asString());
        }
        return recipients;
    }
}
