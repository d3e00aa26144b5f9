package dev.receipts.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./receipts demo}: runs James and the receipt service on the demo's ports until Ctrl-C.
 *
 * <p>Environment: {@code RECEIPTS_DATA} (default {@code ./data}), {@code RECEIPTS_RELAY_HOST} and
 * {@code RECEIPTS_RELAY_PORT} (default 25) for a smart host; without a relay host James delivers
 * mail for other domains by MX.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        StackLayout layout = StackLayout.locate();
        Path data = Path.of(System.getenv().getOrDefault("RECEIPTS_DATA", layout.home().resolve("data").toString()));
        String relayHost = System.getenv("RECEIPTS_RELAY_HOST");
        int relayPort = Integer.parseInt(System.getenv().getOrDefault("RECEIPTS_RELAY_PORT", "25"));
        JamesNode.Ports ports = JamesNode.Ports.demo();
        int httpPort = 8080;

        PrintStream out = System.out;
        out.println("Starting the receipt service and James 3.8.1 (data in " + data.toAbsolutePath() + ") ...");
        Stack stack = Stack.start(layout, data, ports, httpPort, relayHost, relayPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping James and the receipt service ...");
            stack.close();
            out.println("Stopped.");
            stopped.countDown();
        }, "receipts-demo-shutdown"));

        out.println();
        out.println("Receipts demo is running. Press Ctrl-C to stop.");
        out.println("  Web and API      http://127.0.0.1:" + httpPort + "/");
        out.println("  SMTP (DSN, AUTH) 127.0.0.1:" + ports.smtp());
        out.println("  IMAP             127.0.0.1:" + ports.imap());
        out.println("  James WebAdmin   http://127.0.0.1:" + ports.webAdmin() + "/");
        out.println("  JMAP (Basic)     http://127.0.0.1:" + ports.jmap() + "/jmap/session");
        out.println("  Outgoing mail    " + (relayHost == null || relayHost.isBlank()
            ? "by MX look-up (set RECEIPTS_RELAY_HOST for a smart host)"
            : "via " + relayHost + ":" + relayPort));
        out.println("  Users (domain corp.example):");
        for (Map.Entry<String, String> user : new TreeMap<>(Stack.DEMO_USERS).entrySet()) {
            out.println("    " + user.getKey() + "  password " + user.getValue());
        }
        out.println("  Logs             " + stack.james().log() + ", " + stack.service().log());
        stopped.await();
    }
}
