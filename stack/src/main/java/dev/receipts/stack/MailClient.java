package dev.receipts.stack;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * A mail user agent for one account on a {@link JamesNode}: submits over SMTP with AUTH (and DSN
 * options), and reads the INBOX over IMAP, as a real client would.
 */
public final class MailClient {
    private final JamesNode.Ports ports;
    private final String address;
    private final String password;

    public MailClient(JamesNode.Ports ports, String address, String password) {
        this.ports = ports;
        this.address = address;
        this.password = password;
    }

    /**
     * A sender from outside the organisation: it submits without AUTH (James accepts it from loopback, an
     * authorized network) and has no mailbox here.
     */
    public static MailClient external(JamesNode.Ports ports, String address) {
        return new MailClient(ports, address, null);
    }

    public String address() {
        return address;
    }

    /** DSN options for one submission (RFC 3461); {@code null} leaves a parameter out. */
    public record Dsn(String notifyConditions, String ret, String envelopeId) {
        public static Dsn none() {
            return new Dsn(null, null, null);
        }
    }

    /** Parses RFC 5322 text (any line endings; they are sent as CRLF) into a message. */
    public MimeMessage parse(String rfc5322) throws MessagingException {
        return new MimeMessage(session(), new ByteArrayInputStream(rfc5322.getBytes(StandardCharsets.UTF_8)));
    }

    public void send(MimeMessage message, Dsn dsn, String... envelopeRecipients) throws MessagingException {
        Address[] recipients = new Address[envelopeRecipients.length];
        for (int i = 0; i < envelopeRecipients.length; i++) {
            recipients[i] = new InternetAddress(envelopeRecipients[i]);
        }
        try (Transport transport = openSmtp(dsn)) {
            transport.sendMessage(message, recipients);
        }
    }

    /** An authenticated SMTP connection whose every submission carries these DSN options. */
    public Transport openSmtp(Dsn dsn) throws MessagingException {
        Properties properties = smtpProperties();
        if (dsn.notifyConditions() != null) {
            properties.setProperty("mail.smtp.dsn.notify", dsn.notifyConditions());
        }
        if (dsn.ret() != null) {
            properties.setProperty("mail.smtp.dsn.ret", dsn.ret());
        }
        if (dsn.envelopeId() != null) {
            properties.setProperty("mail.smtp.mailextension", "ENVID=" + dsn.envelopeId());
        }
        Transport transport = Session.getInstance(properties).getTransport("smtp");
        if (password == null) {
            transport.connect("127.0.0.1", ports.smtp(), null, null);
        } else {
            transport.connect("127.0.0.1", ports.smtp(), address, password);
        }
        return transport;
    }

    /**
     * The INBOX as raw RFC 5322 texts, oldest first. A read that times out or loses the connection is tried again
     * on a new connection, up to three times in all, as a mail client would: James 3.8.1's IMAP server now and
     * then stalls a FETCH on a loaded machine.
     */
    public List<String> inbox() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return readInbox();
            } catch (MessagingException | java.io.IOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private List<String> readInbox() throws MessagingException, java.io.IOException {
        return eachInboxMessage(message -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        });
    }

    /** The header sections of the INBOX's messages, oldest first: for finding a message without fetching its body. */
    public List<String> inboxHeaders() throws MessagingException, java.io.IOException {
        return eachInboxMessage(message -> {
            StringBuilder text = new StringBuilder();
            java.util.Enumeration<javax.mail.Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                javax.mail.Header header = all.nextElement();
                text.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
            }
            return text.toString();
        });
    }

    /** What {@code read} makes of each INBOX message, oldest first, on one read-only IMAP session. */
    private interface MessageReader {
        String read(Message message) throws MessagingException, java.io.IOException;
    }

    private List<String> eachInboxMessage(MessageReader read) throws MessagingException, java.io.IOException {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "5000");
        properties.setProperty("mail.imap.timeout", "15000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", ports.imap(), address, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> results = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    results.add(read.read(message));
                }
                return results;
            } finally {
                if (inbox.isOpen()) {
                    inbox.close(false);
                }
            }
        } finally {
            store.close();
        }
    }

    /** An open IMAP session on this user's INBOX, for counting messages without logging in each time. */
    public Inbox openInbox() throws MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", ports.imap(), address, password);
        return new Inbox(store);
    }

    /** An IMAP session kept open; {@link #count()} asks the server (STATUS) each time. */
    public static final class Inbox implements AutoCloseable {
        private final Store store;

        private Inbox(Store store) {
            this.store = store;
        }

        public int count() throws MessagingException {
            return store.getFolder("INBOX").getMessageCount();
        }

        @Override
        public void close() throws MessagingException {
            store.close();
        }
    }

    /** Number of messages in the INBOX. */
    public int inboxCount() throws MessagingException {
        try (Inbox inbox = openInbox()) {
            return inbox.count();
        }
    }

    private Properties smtpProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.auth", String.valueOf(password != null));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "30000");
        properties.setProperty("mail.smtp.from", address);
        return properties;
    }

    private Session session() {
        return Session.getInstance(new Properties());
    }
}
