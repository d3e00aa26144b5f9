package dev.receipts.stack;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Exim 4 (Debian's {@code exim4-daemon-light}) as the partner's MTA for {@value RemoteMta#DOMAIN}: a
 * daemon on a free loopback port with its own configuration ({@code -C}), spool, logs and Maildirs in a temporary
 * directory, run by root, with a queue run ({@code exim -q}) every second, and stopped by {@link #close()}. The
 * same knobs as {@link PostfixPeer}:
 * <ul>
 *   <li>{@link #mailbox}: delivered (Exim's success DSN when NOTIFY asks for it);</li>
 *   <li>any other address of the domain is accepted and then bounced (Exim: "Unrouteable address");</li>
 *   <li>{@link #refuseAtRcpt}: refused by the RCPT ACL ({@code deny} or {@code defer}) with this reply;</li>
 *   <li>{@link #unreachable}: routed to a next hop that refuses connections, so Exim defers it and sends its
 *       delay warning after one second; {@link #makeReachable} routes it to its mailbox and runs the queue.</li>
 * </ul>
 *
 * <p>Postfix and Exim conflict as Debian packages, so Exim is usually not installed: {@link #binary()} also
 * looks for the unpacked package under {@code /opt/receipts-peers/exim4} ({@code .ci/run} puts it there) or at
 * the system property {@code receipts.exim}.
 */
final class EximPeer implements RemoteMta {
    private static final List<Path> CANDIDATES = List.of(
        Path.of("/usr/sbin/exim4"),
        Path.of("/opt/receipts-peers/exim4/usr/sbin/exim4"));

    private final Path binary;
    private final Path base;
    private final int port;
    private final Socket deadNextHop;
    private final Set<String> mailboxes = new LinkedHashSet<>();
    private final Map<String, String> refused = new LinkedHashMap<>();
    private final Set<String> unreachable = new LinkedHashSet<>();
    private final ScheduledExecutorService queueRunner = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "exim-queue-runner");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean started;
    private volatile boolean pipelineToSender;
    private String senderDomain;
    private int senderPort;

    private EximPeer(Path binary, Path base, int port, Socket deadNextHop) {
        this.binary = binary;
        this.base = base;
        this.port = port;
        this.deadNextHop = deadNextHop;
    }

    /** The Exim binary: {@code -Dreceipts.exim}, the system's, or the package unpacked by .ci/run. */
    static Optional<Path> binary() {
        String configured = System.getProperty("receipts.exim");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    static EximPeer create() throws IOException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("No Exim binary at " + CANDIDATES
            + " or -Dreceipts.exim: .ci/run unpacks Debian's exim4-daemon-light into /opt/receipts-peers/exim4"));
        // Outside JUnit's @TempDir (mode 700): Exim delivers to the Maildirs as nobody.
        Path base = Files.createTempDirectory("exim-peer-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new EximPeer(binary, base, Processes.freePort(), PeerSupport.deadPort());
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public EximPeer mailbox(String localPart) {
        mailboxes.add(localPart);
        return this;
    }

    @Override
    public EximPeer refuseAtRcpt(String localPart, String reply) {
        refused.put(localPart, reply);
        return this;
    }

    @Override
    public EximPeer unreachable(String localPart) {
        mailboxes.add(localPart);
        unreachable.add(localPart);
        return this;
    }

    /** Writes the configuration, starts the daemon ({@code -bd}) and the queue runs; returns once it greets. */
    @Override
    public EximPeer start(String senderDomain, int senderPort) throws IOException, InterruptedException {
        for (String dir : List.of("spool", "log", "mail")) {
            Files.createDirectories(base.resolve(dir));
            PeerSupport.run(log(), "chown", "nobody:nogroup", base.resolve(dir).toString());
        }
        // lsearch tables whose data is the key itself: $local_part_data is then untainted (Exim 4.94+).
        Files.writeString(base.resolve("mailboxes"), table(mailboxes), StandardCharsets.US_ASCII);
        // Exim's ACL verb sets the class of the reply: deny for 5xx, defer for 4xx; the text keeps its codes.
        Files.writeString(base.resolve("rejected"), refusals('5'), StandardCharsets.US_ASCII);
        Files.writeString(base.resolve("deferred"), refusals('4'), StandardCharsets.US_ASCII);
        writeUnreachable();
        this.senderDomain = senderDomain;
        this.senderPort = senderPort;
        writeConfiguration();
        PeerSupport.run(log(), binary.toString(), "-C", config().toString(), "-bd");
        started = true;
        PeerSupport.awaitGreeting("Exim", port, log(), Duration.ofSeconds(30));
        queueRunner.scheduleWithFixedDelay(this::runQueue, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /**
     * Whether Exim may pipeline when it sends to James (its default; off unless asked for). The queue runs
     * read the configuration anew, so this takes effect at the next one.
     */
    void pipelineToSender(boolean pipeline) throws IOException {
        this.pipelineToSender = pipeline;
        writeConfiguration();
    }

    /** Changes the lsearch table the router reads (Exim rereads it), then forces a queue run ({@code -qff}). */
    @Override
    public void makeReachable(String localPart) throws IOException, InterruptedException {
        unreachable.remove(localPart);
        writeUnreachable();
        PeerSupport.run(log(), binary.toString(), "-C", config().toString(), "-qff");
    }

    @Override
    public List<String> delivered(String localPart) throws IOException {
        return PeerSupport.maildir(base.resolve("mail").resolve(localPart));
    }

    @Override
    public String logText() {
        return Processes.tail(log(), 200);
    }

    Path log() {
        return base.resolve("log").resolve("mainlog");
    }

    /** Stops the queue runs and the daemon this peer started (by the pid it wrote), and removes its directory. */
    @Override
    public void close() {
        queueRunner.shutdownNow();
        try {
            queueRunner.awaitTermination(70, TimeUnit.SECONDS);
            if (started) {
                stopDaemon();
            }
            deadNextHop.close();
            PeerSupport.deleteRecursively(base);
        } catch (IOException e) {
            throw new IllegalStateException("Could not stop Exim in " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping Exim in " + base, e);
        }
    }

    private void runQueue() {
        try {
            PeerSupport.run(log(), binary.toString(), "-C", config().toString(), "-q");
        } catch (IOException e) {
            // The next run tries again; the failure is in Exim's log for the test's assertion messages.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopDaemon() throws IOException {
        Path pidFile = base.resolve("exim-daemon.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        daemon.ifPresent(ProcessHandle::destroy);
        if (daemon.isPresent()) {
            try {
                daemon.get().onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                daemon.get().destroyForcibly();
            }
        }
    }

    private void writeConfiguration() throws IOException {
        Path next = base.resolve("exim.conf.new");
        Files.writeString(next, configuration(senderDomain, senderPort), StandardCharsets.US_ASCII);
        Files.move(next, config(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path config() {
        return base.resolve("exim.conf");
    }

    private String configuration(String senderDomain, int senderPort) {
        return String.join("\n",
            "exim_path = " + binary,
            "exim_user = nobody",
            "exim_group = nogroup",
            "spool_directory = " + base.resolve("spool"),
            "log_file_path = " + base.resolve("log") + "/%slog",
            "pid_file_path = " + base.resolve("exim-daemon.pid"),
            "primary_hostname = " + HOSTNAME,
            "qualify_domain = " + DOMAIN,
            "local_interfaces = 127.0.0.1",
            "daemon_smtp_ports = " + port,
            "host_lookup =",
            "tls_advertise_hosts =",
            "keep_environment =",
            "dsn_advertise_hosts = *",
            "log_selector = +received_recipients +smtp_connection +deliver_time",
            "domainlist local_domains = " + DOMAIN,
            "acl_smtp_rcpt = acl_check_rcpt",
            // A delay warning one second after arrival, then daily; retries every second (below).
            "delay_warning = 1s:1d",
            // One queue runner at a time: with a run every second, two overlapping runners each sent a warning.
            // Exim trusts a -C configuration only from root (or in /etc/exim4/trusted_configs): a delivery that the
            // daemon or its receiving process starts by re-executing Exim runs unprivileged, and logged nothing.
            // So the daemon only receives (queue_only), and this class runs the queue as root every second.
            "queue_only = true",
            "ignore_bounce_errors_after = 1h",
            "timeout_frozen_after = 1h",
            "",
            "begin acl",
            "acl_check_rcpt:",
            "  deny    domains = +local_domains",
            "          local_parts = lsearch;" + base.resolve("rejected"),
            "          message = $local_part_data",
            "  defer   domains = +local_domains",
            "          local_parts = lsearch;" + base.resolve("deferred"),
            "          message = $local_part_data",
            "  accept  domains = +local_domains",
            "  deny    message = relay not permitted",
            "",
            "begin routers",
            "unreachable:",
            "  driver = manualroute",
            "  domains = +local_domains",
            "  local_parts = lsearch;" + base.resolve("unreachable"),
            "  route_data = 127.0.0.1",
            "  self = send",
            "  transport = dead_smtp",
            "sender_domain:",
            "  driver = manualroute",
            "  domains = " + senderDomain,
            "  route_data = 127.0.0.1",
            "  self = send",
            "  transport = sender_smtp",
            "mailbox:",
            "  driver = accept",
            "  domains = +local_domains",
            "  local_parts = lsearch;" + base.resolve("mailboxes"),
            "  transport = maildir",
            "",
            "begin transports",
            "maildir:",
            "  driver = appendfile",
            "  directory = " + base.resolve("mail") + "/$local_part_data",
            "  maildir_format",
            "  user = nobody",
            "  group = nogroup",
            "  delivery_date_add",
            "  envelope_to_add",
            "  return_path_add",
            "sender_smtp:",
            "  driver = smtp",
            "  port = " + senderPort,
            "  allow_localhost",
            // James 3.8.1 keeps a message that Exim sends pipelined to it but closes the connection without the
            // 250, and Exim sends it again: every DSN reached James twice. See pipelineToSender.
            pipelineToSender ? "" : "  hosts_avoid_pipelining = *",
            "dead_smtp:",
            "  driver = smtp",
            "  port = " + deadNextHop.getLocalPort(),
            "  allow_localhost",
            "",
            "begin retry",
            "*  *  F,1h,1s",
            "");
    }

    private void writeUnreachable() throws IOException {
        Path next = base.resolve("unreachable.new");
        Files.writeString(next, table(unreachable), StandardCharsets.US_ASCII);
        Files.move(next, base.resolve("unreachable"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String refusals(char replyClass) {
        return refused.entrySet().stream()
            .filter(entry -> entry.getValue().charAt(0) == replyClass)
            .map(entry -> entry.getKey() + ": " + entry.getValue() + "\n")
            .collect(Collectors.joining());
    }

    private static String table(Set<String> localParts) {
        return localParts.stream().map(localPart -> localPart + ": " + localPart + "\n").collect(Collectors.joining());
    }
}
