package dev.receipts.stack;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.Audience;
import dev.receipts.mailets.core.DispositionNotification;
import dev.receipts.mailets.core.EnvelopeRecipient;
import dev.receipts.mailets.core.MdnRequest;
import dev.receipts.mailets.core.ReceiptEvents;
import dev.receipts.mailets.core.Report;
import dev.receipts.mailets.core.ReportEnvelope;
import dev.receipts.mailets.core.Submission;
import dev.receipts.mailets.core.TypedAddress;

/**
 * {@code ./receipts bench-durability [messages] [rounds]}: what durable commits cost the ingest, side by side in one
 * run. The service jar runs over an H2 file with {@code receipts.ingest.durable-commits} true (every commit written
 * before it returns, the default) and false (H2's 500 ms write delay), in turn, each on a fresh database; each gets
 * the same load, the events the mailets write for {@code messages} messages (SUBMITTED, LOCAL_DELIVERY and an MDN
 * each, built by the mailets' own {@code ReceiptEvents}), posted in batches of 500 over 4 connections as the
 * forwarders do. It prints events per second for both and their ratio.
 */
public final class IngestDurabilityBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 500;
    private static final int CONNECTIONS = 4;

    private IngestDurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        PrintStream out = System.out;
        StackLayout layout = StackLayout.locate();
        Path work = Files.createTempDirectory("receipts-bench-durability");
        out.printf(Locale.ROOT, "Ingest with and without durable commits (H2 file): %d messages x 3 events, batches of %d, "
            + "%d connections, %d rounds, %d cores%n", messages, BATCH, CONNECTIONS, rounds,
            Runtime.getRuntime().availableProcessors());
        double[] durable = new double[rounds];
        double[] delayed = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (boolean durableCommits : new boolean[] {true, false}) {
                double rate = run(layout, work.resolve("r" + round + "-" + durableCommits), durableCommits, messages);
                (durableCommits ? durable : delayed)[round] = rate;
                out.printf(Locale.ROOT, "round %d  durable-commits=%-5s  %8.1f events/s%n", round + 1, durableCommits, rate);
            }
        }
        double durableMean = mean(durable);
        double delayedMean = mean(delayed);
        out.printf(Locale.ROOT, "mean: durable %.1f events/s, with H2's write delay %.1f events/s; ratio %.3f%n",
            durableMean, delayedMean, durableMean / delayedMean);
    }

    private static double run(StackLayout layout, Path dir, boolean durableCommits, int messages) throws Exception {
        String token = UUID.randomUUID().toString();
        List<String> batches = batches(messages);
        try (ReceiptServiceNode service = new ReceiptServiceNode(layout, dir, Processes.freePort(), Processes.freePort(),
            token, UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID().toString())
            .property("receipts.ingest.durable-commits", String.valueOf(durableCommits)).start()) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create(service.baseUrl() + "/api/v1/ingest/events");
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                long start = System.nanoTime();
                List<Future<?>> posts = new ArrayList<>();
                for (String body : batches) {
                    posts.add(pool.submit(() -> {
                        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200 || !answer.body().contains("\"rejected\":0")) {
                            throw new IllegalStateException("ingest answered " + answer.statusCode() + " " + answer.body());
                        }
                        return null;
                    }));
                }
                for (Future<?> post : posts) {
                    post.get();
                }
                return messages * 3 / ((System.nanoTime() - start) / 1e9);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The load, in posting order: each message's SUBMITTED, then its LOCAL_DELIVERY, then bob's MDN. */
    private static List<String> batches(int messages) throws Exception {
        ReceiptEvents events = new ReceiptEvents("bench-node", Clock.systemUTC());
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String messageId = "<bench-" + i + "-" + UUID.randomUUID() + "@corp.example>";
            all.add(events.submitted("Mail" + i, new Submission(messageId, "alice@corp.example", "alice@corp.example",
                "Alice <alice@corp.example>", null, null, "Numbers " + i,
                new MdnRequest("Disposition-Notification-To", "alice@corp.example"),
                List.of(new EnvelopeRecipient("bob@corp.example", List.of(), null)))));
            all.add(events.localDelivery("Mail" + i, messageId, null, "alice@corp.example", List.of("bob@corp.example"),
                new MdnRequest("Disposition-Notification-To", "alice@corp.example"), Audience.INTERNAL));
            all.add(events.report("MdnMail" + i, new ReportEnvelope("<mdn-" + i + "@corp.example>", "bob@corp.example",
                "bob@corp.example", "bob@corp.example", List.of("alice@corp.example"), messageId, messageId),
                new Report(Report.DISPOSITION_NOTIFICATION, "Disposition: manual-action/MDN-sent-manually; displayed",
                    List.of(), null, new DispositionNotification("bench", messageId, null,
                        new TypedAddress("rfc822", "bob@corp.example"), "manual-action/MDN-sent-manually; displayed",
                        "manual-action", "mdn-sent-manually", "displayed", List.of()))));
        }
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            ObjectNode body = MAPPER.createObjectNode();
            ArrayNode array = body.putArray("events");
            all.subList(from, Math.min(all.size(), from + BATCH)).forEach(array::add);
            batches.add(MAPPER.writeValueAsString(body));
        }
        return batches;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
