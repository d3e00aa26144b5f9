package dev.receipts.stack;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real Postfix (Debian's package) as the partner's MTA for {@value RemoteMta#DOMAIN}, started on a free loopback
 * port with its own configuration, queue and mailboxes in a temporary directory, and stopped by {@link #close()}.
 *
 * <p>It is a final destination for {@value RemoteMta#DOMAIN} (virtual mailboxes, Maildir), offers DSN (RFC 3461) and
 * sends its reports for the sender's domain back to James. What happens to a recipient is set before
 * {@link #start}:
 * <ul>
 *   <li>{@link #mailbox}: delivered, with Postfix's {@code delivered} DSN when NOTIFY asks for it;</li>
 *   <li>any other address of the domain is accepted and then bounced by Postfix's virtual delivery agent
 *       (unknown mailbox, 5.1.1), because unlisted recipients are not rejected at RCPT time;</li>
 *   <li>{@link #refuseAtRcpt}: refused at RCPT time with the given reply (access table);</li>
 *   <li>{@link #unreachable}: routed to a next hop that refuses connections, so Postfix defers it and, with
 *       a one-second {@code delay_warning_time}, sends a {@code delayed} DSN at once; {@link #makeReachable}
 *       then routes it to its mailbox ({@code postfix reload}, {@code postqueue -f}).</li>
 * </ul>
 */
final class PostfixPeer implements RemoteMta {
    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path POSTQUEUE = Path.of("/usr/sbin/postqueue");

    private final Path base;
    private final int port;
    private final Set<String> mailboxes = new LinkedHashSet<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();
    private final Set<String> unreachable = new LinkedHashSet<>();
    /** The unreachable next hop: bound, never listening (connections are refused). */
    private final Socket deadNextHop;
    private String senderDomain;
    private int senderPort;
    private boolean started;

    private PostfixPeer(Path base, int port, Socket deadNextHop) {
        this.base = base;
        this.port = port;
        this.deadNextHop = deadNextHop;
    }

    /** Whether Debian's postfix package is installed (.ci/run installs it). */
    static boolean installed() {
        return Files.isExecutable(POSTFIX) && Files.isExecutable(POSTQUEUE);
    }

    /**
     * Reserves a free loopback port and a directory. Outside JUnit's {@code @TempDir} (mode 700), because
     * Postfix's delivery agent runs as {@code nobody} and must reach the mailboxes.
     */
    static PostfixPeer create() throws IOException {
        if (!installed()) {
            throw new IllegalStateException(POSTFIX + " is missing: install Debian's postfix package (.ci/run does)");
        }
        Path base = Files.createTempDirectory("postfix-peer-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new PostfixPeer(base, Processes.freePort(), PeerSupport.deadPort());
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public PostfixPeer mailbox(String localPart) {
        mailboxes.add(address(localPart));
        return this;
    }

    @Override
    public PostfixPeer refuseAtRcpt(String localPart, String reply) {
        rejected.put(address(localPart), reply);
        return this;
    }

    @Override
    public PostfixPeer unreachable(String localPart) {
        mailboxes.add(address(localPart));
        unreachable.add(address(localPart));
        return this;
    }

    /** Writes the configuration and starts Postfix; returns once its smtpd answers with a 220 greeting. */
    @Override
    public PostfixPeer start(String senderDomain, int senderPort) throws IOException, InterruptedException {
        this.senderDomain = senderDomain;
        this.senderPort = senderPort;
        Path mail = Files.createDirectories(base.resolve("mail"));
        Files.createDirectories(base.resolve("queue"));
        Files.createDirectories(base.resolve("data"));
        run("chown", "nobody:nogroup", mail.toString());
        run("chown", "postfix", base.resolve("data").toString());
        Files.createDirectories(config());
        Files.writeString(config().resolve("main.cf"), mainCf(), StandardCharsets.US_ASCII);
        Files.writeString(config().resolve("master.cf"), masterCf(), StandardCharsets.US_ASCII);
        writeRecipientTables();
        writeTransport();
        run(POSTFIX.toString(), "-c", config().toString(), "start");
        started = true;
        PeerSupport.awaitGreeting("Postfix", port, log(), Duration.ofSeconds(30));
        return this;
    }

    /** Changes the transport table, then {@code postfix reload} and {@code postqueue -f}. */
    @Override
    public void makeReachable(String localPart) throws IOException, InterruptedException {
        unreachable.remove(address(localPart));
        writeTransport();
        run(POSTFIX.toString(), "-c", config().toString(), "reload");
        run(POSTQUEUE.toString(), "-c", config().toString(), "-f");
    }

    /**
     * Stops refusing a recipient set with {@link #refuseAtRcpt}: it becomes a mailbox from now on
     * ({@code postfix reload}; new smtpd processes read the new tables).
     */
    void stopRefusing(String localPart) throws IOException, InterruptedException {
        rejected.remove(address(localPart));
        mailboxes.add(address(localPart));
        writeRecipientTables();
        run(POSTFIX.toString(), "-c", config().toString(), "reload");
    }

    private void writeRecipientTables() throws IOException {
        Files.writeString(config().resolve("mailboxes"), table(mailboxes.stream()
            .map(address -> address + " " + address.substring(0, address.indexOf('@')) + "/").toList()), StandardCharsets.US_ASCII);
        Files.writeString(config().resolve("recipient_access"), table(rejected.entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue()).toList()), StandardCharsets.US_ASCII);
    }

    @Override
    public List<String> delivered(String localPart) throws IOException {
        return PeerSupport.maildir(base.resolve("mail").resolve(localPart));
    }

    /** Postfix's own log (maillog_file). */
    @Override
    public String logText() {
        return Processes.tail(log(), 200);
    }

    Path log() {
        return base.resolve("postfix.log");
    }

    /** Stops Postfix (abort if a clean stop fails) and removes its directory. */
    @Override
    public void close() {
        try {
            if (started) {
                try {
                    run(POSTFIX.toString(), "-c", config().toString(), "stop");
                } catch (IOException | RuntimeException e) {
                    run(POSTFIX.toString(), "-c", config().toString(), "abort");
                }
            }
            deadNextHop.close();
            PeerSupport.deleteRecursively(base);
        } catch (IOException e) {
            throw new IllegalStateException("Could not stop Postfix in " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping Postfix in " + base, e);
        }
    }

    private Path config() {
        return base.resolve("conf");
    }

    private String mainCf() {
        return String.join("\n",
            "compatibility_level = 3.6",
            "queue_directory = " + base.resolve("queue"),
            "data_directory = " + base.resolve("data"),
            "mail_owner = postfix",
            "setgid_group = postdrop",
            "myhostname = " + HOSTNAME,
            "mydomain = " + DOMAIN,
            "myorigin = " + DOMAIN,
            "mydestination =",
            "inet_interfaces = 127.0.0.1",
            "inet_protocols = ipv4",
            "mynetworks = 127.0.0.0/8",
            "alias_maps =",
            "alias_database =",
            "maillog_file = " + log(),
            "maillog_file_prefixes = " + base,
            "smtpd_peername_lookup = no",
            "smtp_dns_support_level = disabled",
            "smtp_tls_security_level = none",
            "virtual_mailbox_domains = " + DOMAIN,
            "virtual_mailbox_base = " + base.resolve("mail"),
            "virtual_mailbox_maps = texthash:" + config().resolve("mailboxes"),
            "virtual_uid_maps = static:65534",
            "virtual_gid_maps = static:65534",
            // Unknown mailboxes are accepted and bounced by the delivery agent: the DSN case.
            "smtpd_reject_unlisted_recipient = no",
            "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
            "smtpd_recipient_restrictions = check_recipient_access texthash:" + config().resolve("recipient_access"),
            "transport_maps = texthash:" + config().resolve("transport"),
            // Delay warnings at the first deferral, and quick retries, so the delayed case takes seconds.
            "delay_warning_time = 1s",
            "queue_run_delay = 1s",
            "minimal_backoff_time = 1s",
            "maximal_backoff_time = 2s",
            "");
    }

    private String masterCf() {
        return String.format(String.join("\n",
            "127.0.0.1:%d inet n - n - - smtpd",
            "pickup    unix  n - n 60 1 pickup",
            "cleanup   unix  n - n -  0 cleanup",
            "qmgr      unix  n - n 300 1 qmgr",
            "tlsmgr    unix  - - n 1000? 1 tlsmgr",
            "rewrite   unix  - - n -  - trivial-rewrite",
            "bounce    unix  - - n -  0 bounce",
            "defer     unix  - - n -  0 bounce",
            "trace     unix  - - n -  0 bounce",
            "verify    unix  - - n -  1 verify",
            "flush     unix  n - n 1000? 0 flush",
            "proxymap  unix  - - n -  - proxymap",
            "smtp      unix  - - n -  - smtp",
            "relay     unix  - - n -  - smtp",
            "showq     unix  n - n -  - showq",
            "error     unix  - - n -  - error",
            "retry     unix  - - n -  - error",
            "discard   unix  - - n -  - discard",
            "virtual   unix  - n n -  - virtual",
            "anvil     unix  - - n -  1 anvil",
            "scache    unix  - - n -  1 scache",
            "postlog   unix-dgram n - n - 1 postlogd",
            ""), port);
    }

    private void writeTransport() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String address : unreachable) {
            lines.add(address + " smtp:[127.0.0.1]:" + deadNextHop.getLocalPort());
        }
        // The reports to the sender's domain go back to James (never "*": it would also catch our own domain).
        lines.add(senderDomain + " smtp:[127.0.0.1]:" + senderPort);
        Path transport = config().resolve("transport");
        Path next = config().resolve("transport.new");
        Files.writeString(next, table(lines), StandardCharsets.US_ASCII);
        Files.move(next, transport, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String table(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private String address(String localPart) {
        return localPart + "@" + DOMAIN;
    }

    private void run(String... command) throws IOException, InterruptedException {
        PeerSupport.run(log(), command);
    }
}
