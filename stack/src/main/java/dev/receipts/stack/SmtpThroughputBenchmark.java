package dev.receipts.stack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * {@code ./receipts bench [messages] [connections] [rounds]}: James's mail throughput with and
 * without the receipts mailets, in the same run on the same machine.
 *
 * <p>Each round starts a fresh James without our mailets (baseline) and one with them (receipts),
 * in turn, with the receipt service running. alice sends {@code messages} messages to bob over
 * {@code connections} parallel authenticated SMTP connections; every message asks for a read receipt
 * and for SUCCESS/FAILURE DSNs, so both pipelines also generate a delivered DSN per message. The
 * clock runs from the first MAIL FROM until IMAP shows all messages in bob's INBOX: that is the
 * whole mail pipeline, where the mailets run, not just the SMTP acceptance. It also prints the CPU
 * time the James process used per message over the same span, which is steadier than the
 * throughput: James 3.8.1's memory pipeline slows down unevenly when its queue grows.
 */
public final class SmtpThroughputBenchmark {
    private SmtpThroughputBenchmark() {
    }

    record Run(String variant, int round, int messages, Duration smtp, Duration delivered, Duration jamesCpu,
               long peakRssKib, long spoolLeft) {
        double messagesPerSecond() {
            return messages / (delivered.toNanos() / 1e9);
        }

        double cpuMillisPerMessage() {
            return jamesCpu.toNanos() / 1e6 / messages;
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PrintStream out = System.out;
        StackLayout layout = StackLayout.locate();
        Path work = Files.createTempDirectory("receipts-bench");
        String token = Stack.secret(work, "ingest-token");

        out.printf(Locale.ROOT, "James 3.8.1 mail throughput: %d messages, %d SMTP connections, %d rounds, %d cores%n",
            messages, connections, rounds, Runtime.getRuntime().availableProcessors());
        List<Run> runs = new ArrayList<>();
        JamesNode.Ports ports = JamesNode.Ports.free();
        try (ReceiptServiceNode service = new ReceiptServiceNode(layout, work.resolve("service"), Processes.freePort(),
                ports.imap(), token, Stack.secret(work, "session-key"), Stack.secret(work, "pseudonym-key")).start()) {
            for (int round = 1; round <= rounds; round++) {
                for (boolean withMailets : new boolean[] {false, true}) {
                    String variant = withMailets ? "receipts" : "baseline";
                    JamesNode james = JamesNode.builder(layout, work.resolve(variant + "-" + round))
                        .ports(ports)
                        .serviceUrl(service.baseUrl())
                        .ingestToken(token)
                        .withReceiptsMailets(withMailets)
                        .build();
                    try (james) {
                        james.start();
                        james.addUser("alice@corp.example", "alice-demo");
                        james.addUser("bob@corp.example", "bob-demo");
                        Run run = measure(variant, round, james, messages, connections);
                        runs.add(run);
                        out.printf(Locale.ROOT, "  round %d %-9s %7.1f msg/s  %6.2f ms James CPU/msg  (SMTP accepted all in %5.2f s, delivered all in %5.2f s, James peak RSS %d MiB, spool files left %d)%n",
                            round, variant, run.messagesPerSecond(), run.cpuMillisPerMessage(), run.smtp().toMillis() / 1000.0,
                            run.delivered().toMillis() / 1000.0, run.peakRssKib() / 1024, run.spoolLeft());
                    }
                }
            }
        }
        double baseline = average(runs, "baseline", Run::messagesPerSecond);
        double receipts = average(runs, "receipts", Run::messagesPerSecond);
        double baselineCpu = average(runs, "baseline", Run::cpuMillisPerMessage);
        double receiptsCpu = average(runs, "receipts", Run::cpuMillisPerMessage);
        out.printf(Locale.ROOT, "throughput: baseline %.1f msg/s, with receipts mailets %.1f msg/s, ratio %.3f%n",
            baseline, receipts, receipts / baseline);
        out.printf(Locale.ROOT, "James CPU per message: baseline %.2f ms, with receipts mailets %.2f ms, ratio %.3f%n",
            baselineCpu, receiptsCpu, receiptsCpu / baselineCpu);
        // Kept when a run fails (the logs are there); removed after a complete run.
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static double average(List<Run> runs, String variant, java.util.function.ToDoubleFunction<Run> figure) {
        return runs.stream().filter(run -> run.variant().equals(variant)).mapToDouble(figure).average().orElseThrow();
    }

    private static Run measure(String variant, int round, JamesNode james, int messages, int connections) throws Exception {
        MailClient alice = new MailClient(james.ports(), "alice@corp.example", "alice-demo");
        MailClient bob = new MailClient(james.ports(), "bob@corp.example", "bob-demo");
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        Duration cpuBefore = james.cpuTime();
        long start = System.nanoTime();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int connection = 0; connection < connections; connection++) {
                int first = connection;
                senders.add(pool.submit(() -> {
                    try (Transport transport = alice.openSmtp(new MailClient.Dsn("SUCCESS,FAILURE", null, null))) {
                        for (int i = first; i < messages; i += connections) {
                            transport.sendMessage(message(alice, variant, round, i), new InternetAddress[] {new InternetAddress("bob@corp.example")});
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdown();
        }
        Duration smtp = Duration.ofNanos(System.nanoTime() - start);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (MailClient.Inbox inbox = bob.openInbox()) {
            while (inbox.count() < messages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(variant + ": bob's INBOX did not reach " + messages + " messages in 10 minutes");
                }
                Processes.pause(Duration.ofMillis(100));
            }
        }
        Duration delivered = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = james.cpuTime().minus(cpuBefore);
        return new Run(variant, round, messages, smtp, delivered, cpu, james.peakResidentKib(), spoolFiles(james));
    }

    private static MimeMessage message(MailClient alice, String variant, int round, int index) throws Exception {
        return alice.parse("From: Alice <alice@corp.example>\r\n"
            + "To: Bob <bob@corp.example>\r\n"
            + "Subject: bench " + variant + " " + round + " #" + index + "\r\n"
            + "Message-ID: <bench-" + variant + "-" + round + "-" + index + "-" + System.nanoTime() + "@corp.example>\r\n"
            + "Disposition-Notification-To: alice@corp.example\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + "Quarterly figures attached in spirit. Message " + index + ".\r\n");
    }

    private static long spoolFiles(JamesNode james) throws Exception {
        Path ready = james.spoolDirectory().resolve("ready");
        if (!Files.isDirectory(ready)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(ready)) {
            return files.count();
        }
    }
}
