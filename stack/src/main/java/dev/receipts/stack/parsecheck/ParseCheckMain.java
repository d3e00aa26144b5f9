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
 * {@code ./receipts parse-check DIR}: runs the mailets' report parser over every {@code .eml} file
 * under a directory and prints what it found, message by message and family by family, with the
 * agreement with the expectations of any {@code expected.json} in that tree (see
 * {@link Agreement}). It measures, it does not gate: it exits 0 whatever the agreement, and 2 only
 * when the directory cannot be read.
 */
public final class ParseCheckMain {
    private static final String EXPECTATIONS_FILE = "expected.json";

    private ParseCheckMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: ./receipts parse-check DIR   (every .eml file under DIR, recursively)");
            return 2;
        }
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
        return 0;
    }
}
