package dev.receipts.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * James and the receipt service side by side, sharing a data directory: the demo, the end-to-end
 * tests and the benchmark all run the product through this class.
 *
 * <p>Layout of the data directory: {@code james/} (James's working directory: conf, extensions-jars,
 * the receipts spool under var/), {@code service/} (the H2 database and the service log), and
 * {@code secrets/} (the ingest token, the session key, the pseudonym key and the envelope id key, made on first start, mode 600).
 */
public final class Stack implements AutoCloseable {
    /** The demo users and their passwords; the README lists the same. */
    public static final Map<String, String> DEMO_USERS = Map.of(
        "alice@corp.example", "alice-demo",
        "bob@corp.example", "bob-demo",
        "carol@corp.example", "carol-demo",
        "admin@corp.example", "admin-demo");

    private final JamesNode james;
    private final ReceiptServiceNode service;

    private Stack(JamesNode james, ReceiptServiceNode service) {
        this.james = james;
        this.service = service;
    }

    /** Starts the service, then James, then creates the demo users. */
    public static Stack start(StackLayout layout, Path dataDir, JamesNode.Ports ports, int httpPort,
                              String relayHost, int relayPort) throws IOException, InterruptedException {
        return start(layout, dataDir, ports, httpPort, relayHost, relayPort, Map.of());
    }

    private static Stack start(StackLayout layout, Path dataDir, JamesNode.Ports ports, int httpPort,
                               String relayHost, int relayPort, Map<String, String> mailetContainerEdits)
        throws IOException, InterruptedException {
        String token = secret(dataDir, "ingest-token");
        String envelopeIdKey = secret(dataDir, "envelope-id-key");
        ReceiptServiceNode service = new ReceiptServiceNode(layout, dataDir.resolve("service"), httpPort, ports.imap(),
            token, secret(dataDir, "session-key"), secret(dataDir, "pseudonym-key"))
            .property("receipts.correlation.envelope-id-key", envelopeIdKey);
        JamesNode.Builder builder = JamesNode.builder(layout, dataDir.resolve("james"))
            .ports(ports)
            .serviceUrl(service.baseUrl())
            .ingestToken(token)
            .envelopeIdKey(envelopeIdKey)
            .relay(relayHost, relayPort);
        mailetContainerEdits.forEach(builder::replaceInMailetContainer);
        JamesNode james = builder.build();
        Stack stack = new Stack(james, service);
        try {
            service.start();
            james.start();
            for (Map.Entry<String, String> user : DEMO_USERS.entrySet()) {
                james.addUser(user.getKey(), user.getValue());
            }
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts the stack on free loopback ports, with no smart host: for tests. */
    public static Stack startOnFreePorts(Path dataDir) throws IOException, InterruptedException {
        return startOnFreePorts(dataDir, null, 25);
    }

    /** Starts the stack on free loopback ports; RemoteDelivery hands all remote mail to this smart host. */
    public static Stack startOnFreePorts(Path dataDir, String relayHost, int relayPort) throws IOException, InterruptedException {
        return start(StackLayout.locate(), dataDir, JamesNode.Ports.free(), Processes.freePort(), relayHost, relayPort);
    }

    /** A sender outside the organisation, submitting to this stack's James without AUTH. */
    public MailClient externalSender(String address) {
        return MailClient.external(james.ports(), address);
    }

    /**
     * As {@link #startOnFreePorts(Path, String, int)}, with texts of James's mailetcontainer.xml replaced, e.g.
     * RemoteDelivery's retry delays; James's start fails when the shipped file lacks one of the texts.
     */
    public static Stack startOnFreePorts(Path dataDir, String relayHost, int relayPort, Map<String, String> mailetContainerEdits)
        throws IOException, InterruptedException {
        return start(StackLayout.locate(), dataDir, JamesNode.Ports.free(), Processes.freePort(), relayHost, relayPort,
            mailetContainerEdits);
    }

    /** A mail client for one of the {@link #DEMO_USERS} on this stack's James. */
    public MailClient mailClient(String address) {
        String password = DEMO_USERS.get(address);
        if (password == null) {
            throw new IllegalArgumentException("Not a demo user: [" + address + "]");
        }
        return new MailClient(james.ports(), address, password);
    }

    public JamesNode james() {
        return james;
    }

    public ReceiptServiceNode service() {
        return service;
    }

    /** Stops James first, so that it hands its last events to the spool, then the service. */
    @Override
    public void close() {
        james.stop();
        service.stop();
    }

    static String secret(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve("secrets").resolve(name);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String value = HexFormat.of().formatHex(bytes);
        Files.writeString(file, value, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return value;
    }
}
