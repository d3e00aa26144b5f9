package dev.receipts.mailets.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * A request for a read receipt: the header found and its raw value. RFC 8098's
 * {@code Disposition-Notification-To} first, then the legacy {@code Return-Receipt-To} and
 * {@code X-Confirm-Reading-To} that some clients still honour.
 */
public final class MdnRequest {
    public static final List<String> HEADERS = List.of("Disposition-Notification-To", "Return-Receipt-To", "X-Confirm-Reading-To");

    private final String header;
    private final String address;

    public MdnRequest(String header, String address) {
        this.header = Objects.requireNonNull(header, "header");
        this.address = Objects.requireNonNull(address, "address");
    }

    /** The first request header present with a non-blank value. */
    public static Optional<MdnRequest> of(MimeMessage message) throws MessagingException {
        for (String header : HEADERS) {
            String value = message.getHeader(header, ",");
            if (value != null && !value.isBlank()) {
                return Optional.of(new MdnRequest(header, MessageHeaders.unfold(value)));
            }
        }
        return Optional.empty();
    }

    public String header() {
        return header;
    }

    /** The header's raw value, e.g. {@code Alice <alice@corp.example>}. */
    public String address() {
        return address;
    }

    /**
     * The address the receipt would go to: the addr-spec of the header's first address, e.g.
     * {@code alice@corp.example}; empty when the value does not parse as an address.
     */
    public Optional<String> requesterAddress() {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(address, false);
            if (parsed.length == 0 || parsed[0].getAddress() == null || parsed[0].getAddress().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(parsed[0].getAddress().trim());
        } catch (AddressException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The domain of {@link #requesterAddress()}, lower case; empty when there is none. */
    public Optional<String> requesterDomain() {
        return requesterAddress()
            .filter(spec -> spec.lastIndexOf('@') > 0 && spec.lastIndexOf('@') < spec.length() - 1)
            .map(spec -> spec.substring(spec.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
    }
}
