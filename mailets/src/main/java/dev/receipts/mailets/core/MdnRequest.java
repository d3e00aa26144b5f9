package dev.receipts.mailets.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.mail.MessagingException;
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

    public String address() {
        return address;
    }
}
