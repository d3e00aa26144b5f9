package dev.receipts.stack;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.contract.EventBounds;
import dev.receipts.mailets.QuarantineHostileMime;
import dev.receipts.mailets.core.MimeShape;
import dev.receipts.mailets.core.ReceiptEvents;
import dev.receipts.mailets.core.Report;
import dev.receipts.mailets.core.ReportEnvelope;
import dev.receipts.mailets.core.ReportReader;
import dev.receipts.mailets.core.pixels.Mode;
import dev.receipts.mailets.core.pixels.MimePixelScanner;
import dev.receipts.mailets.core.pixels.PixelSettings;
import dev.receipts.mailets.core.pixels.TrackerHosts;
import dev.receipts.mailets.core.pixels.TrackingPixelDetector;

/**
 * {@code ./receipts bench-hostile [rounds]}: what our mailets' readers cost on each hostile message of
 * {@link HostileMessages}, in this JVM: {@code QuarantineHostileMime}'s structure pass ({@link MimeShape}),
 * {@code CollectReports}' reading ({@link ReportReader}), {@code NeutralizeTrackingPixels}' scan
 * ({@link MimePixelScanner}) and the contract's bounding of the event. Each is run {@code rounds} times on a freshly
 * parsed message (after one warm-up); the median is printed in milliseconds. The parse of the message itself
 * (javax.mail, as James does it before any mailet) is timed apart.
 */
public final class HostileMailCost {
    private HostileMailCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        PrintStream out = System.out;
        Session session = Session.getInstance(new Properties());
        out.printf(Locale.ROOT, "Our readers on hostile mail: median of %d rounds, ms, %d cores%n", rounds,
            Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-50s %9s %9s %9s %9s %9s%n", "message", "size KiB", "guard", "reports", "pixels", "bounds");
        for (HostileMessages.Hostile hostile : HostileMessages.all()) {
            byte[] bytes = hostile.text().replace("SUBJECT", "Hostile").getBytes(StandardCharsets.UTF_8);
            long[] guard = new long[rounds];
            long[] reports = new long[rounds];
            long[] pixels = new long[rounds];
            long[] bounds = new long[rounds];
            for (int round = -1; round < rounds; round++) {
                long start = System.nanoTime();
                new MimeShape(QuarantineHostileMime.DEFAULT_MAX_DEPTH, QuarantineHostileMime.DEFAULT_MAX_PARTS)
                    .excess(new ByteArrayInputStream(bytes));
                long afterGuard = System.nanoTime();
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(bytes));
                long parsed = System.nanoTime();
                Optional<Report> report = ReportReader.read(message, true);
                long afterReports = System.nanoTime();
                MimeMessage forPixels = new MimeMessage(session, new ByteArrayInputStream(bytes));
                long beforePixels = System.nanoTime();
                if (!MimePixelScanner.isReport(forPixels)) {
                    new MimePixelScanner(new TrackingPixelDetector(TrackerHosts.defaults(), List.of("alice@corp.example")),
                        PixelSettings.DEFAULT_MAX_HTML_BYTES).scan(forPixels, Mode.NEUTRALIZE);
                }
                long afterPixels = System.nanoTime();
                if (report.isPresent()) {
                    ObjectNode event = new ReceiptEvents("bench", Clock.systemUTC()).report("m", new ReportEnvelope(
                        message.getMessageID(), null, null, "mailer-daemon@partner.example", List.of("alice@corp.example"),
                        null, null), report.get());
                    EventBounds.apply(event);
                }
                long afterBounds = System.nanoTime();
                if (round >= 0) {
                    guard[round] = afterGuard - start;
                    reports[round] = afterReports - parsed;
                    pixels[round] = afterPixels - beforePixels;
                    bounds[round] = afterBounds - afterPixels;
                }
            }
            out.printf(Locale.ROOT, "%-50s %9d %9.1f %9.1f %9.1f %9.1f%n", hostile.name(), bytes.length / 1024,
                median(guard), median(reports), median(pixels), median(bounds));
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
