package dev.receipts.stack.parsecheck;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./receipts parse-check DIR [--min-dsn-agreement N] [--min-bounce-agreement N]}: runs the
 * mailets' report reader over every {@code .eml} file under a directory and prints what it found,
 * message by message and family by family, with the agreement with the expectations of any
 * {@code expected.json} in that tree (see {@link Agreement}).
 *
 * <p>Without options it measures and exits 0. With them it is also a gate: it exits 1 when fewer
 * DSNs than {@code --min-dsn-agreement} agree, or fewer non-standard bounces than
 * {@code --min-bounce-agreement} (counts of messages, as the summary prints them). It exits 2 on a
 * usage error or when the directory cannot be read.
 */
public final class ParseCheckMain {
    private static final String EXPECTATIONS_FILE = "expected.json";

    private ParseCheckMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    private static final String USAGE = "usage: ./receipts parse-check DIR [--min-dsn-agreement N] [--min-bounce-agreement N]"
        + "   (every .eml file under DIR, recursively; N: the least number of agreeing messages, else exit 1)";

    static int run(String[] args, PrintStream out, PrintStream err) {
        String dir = null;
        int minDsn = -1;
        int minBounce = -1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--min-dsn-agreement") || arg.equals("--min-bounce-agreement")) {
                Integer value = i + 1 < args.length ? count(args[i + 1]) : null;
                if (value == null) {
                    err.println("parse-check: " + arg + " needs a count of messages (0 or more), got ["
                        + (i + 1 < args.length ? args[i + 1] : "") + "]");
                    err.println(USAGE);
                    return 2;
                }
                if (arg.equals("--min-dsn-agreement")) {
                    minDsn = value;
                } else {
                    minBounce = value;
                }
                i++;
            } else if (dir == null && !arg.startsWith("--")) {
                dir = arg;
            } else {
                err.println("parse-check: unexpected argument [" + arg + "]");
                err.println(USAGE);
                return 2;
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        args = new String[] {dir};
        Path directory = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isDirectory(directory) || !Files.isReadable(directory) || !Files.isExecutable(directory)) {
            err.println("parse-check: [" + args[0] + "] is not a readable directory");
            return 2;
        }
        List<Path> messages = new ArrayList<>();
        Map<Path, Expectation> expectations = new HashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".eml")) {
                    messages.add(file);
                } else if (name.equals(EXPECTATIONS_FILE)) {
                    try {
                        expectations.putAll(Expectations.load(file));
                    } catch (IOException | RuntimeException e) {
                        err.println("parse-check: " + file + " unreadable, its samples are checked without expectations: " + e);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("parse-check: cannot list [" + args[0] + "]: " + e.getMessage());
            return 2;
        }
        List<CheckResult> results = new ArrayList<>();
        for (Path file : messages) {
            String relative = directory.relativize(file).toString().replace('\\', '/');
            CheckedMessage checked;
            try {
                checked = MessageCheck.check(relative, Files.readAllBytes(file));
            } catch (IOException | RuntimeException e) {
                checked = new CheckedMessage(relative, Family.of(relative), Classification.UNREADABLE, null, List.of(),
                    List.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            results.add(CheckResult.of(checked, expectations.get(file.toAbsolutePath().normalize())));
        }
        out.printf(Locale.ROOT, "parse-check of %s: %d message file(s), %d with an expectation%n%n",
            directory, messages.size(), results.stream().filter(result -> result.expectation() != null).count());
        out.print(ParseCheckTable.render(results));
        out.flush();
        Tally tally = new Tally().addAll(results);
        int exitCode = 0;
        if (minDsn >= 0 && tally.count(Agreement.Verdict.AGREES) < minDsn) {
            err.printf(Locale.ROOT, "parse-check: FAILED: %d DSN agree, below the minimum of %d%n", tally.count(Agreement.Verdict.AGREES), minDsn);
            exitCode = 1;
        }
        if (minBounce >= 0 && tally.bouncesAgreed() < minBounce) {
            err.printf(Locale.ROOT, "parse-check: FAILED: %d non-standard bounces agree, below the minimum of %d%n", tally.bouncesAgreed(), minBounce);
            exitCode = 1;
        }
        if (exitCode == 0 && (minDsn >= 0 || minBounce >= 0)) {
            out.printf(Locale.ROOT, "gate passed: %d DSN agree (minimum %d), %d non-standard bounces agree (minimum %d)%n",
                tally.count(Agreement.Verdict.AGREES), Math.max(minDsn, 0), tally.bouncesAgreed(), Math.max(minBounce, 0));
        }
        out.flush();
        return exitCode;
    }

    private static Integer count(String value) {
        try {
            int count = Integer.parseInt(value.trim());
            return count < 0 ? null : count;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
