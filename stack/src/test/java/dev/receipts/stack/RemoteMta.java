package dev.receipts.stack;

import java.io.IOException;
import java.util.List;

/**
 * A real remote MTA for {@value #DOMAIN} started by a test on loopback ({@link PostfixPeer}, {@link EximPeer}):
 * what each recipient meets is set before {@link #start}.
 */
interface RemoteMta extends AutoCloseable {
    String DOMAIN = "partner.example";
    String HOSTNAME = "mx.partner.example";

    /** Its SMTP port on 127.0.0.1, known before it starts (James's RemoteDelivery gateway). */
    int port();

    /** A mailbox that exists: delivered, with a {@code delivered} DSN when NOTIFY asks for it. */
    RemoteMta mailbox(String localPart);

    /**
     * Refused at RCPT time with this SMTP reply: permanently ({@code 550 5.1.1 <x@y>: mailbox closed}) or,
     * with a 4xx reply, temporarily each time it is tried.
     */
    RemoteMta refuseAtRcpt(String localPart, String reply);

    /** A mailbox behind a next hop that refuses connections until {@link #makeReachable}. */
    RemoteMta unreachable(String localPart);

    /** Starts the MTA; its mail for {@code senderDomain} (the DSNs) goes to 127.0.0.1:{@code senderPort}. */
    RemoteMta start(String senderDomain, int senderPort) throws IOException, InterruptedException;

    /** Routes a deferred mailbox to its Maildir and has the MTA retry now. */
    void makeReachable(String localPart) throws IOException, InterruptedException;

    /** What was delivered to this mailbox, as raw messages. */
    List<String> delivered(String localPart) throws IOException;

    /** The tail of the MTA's own log, for assertion messages. */
    String logText();

    @Override
    void close();
}
