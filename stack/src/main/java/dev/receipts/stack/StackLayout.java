package dev.receipts.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built pieces of the stack are, relative to the project's root directory.
 *
 * <p>The root is the system property {@code receipts.home}, or the first directory at or above the
 * current one that holds {@code config/james}.
 */
public final class StackLayout {
    private final Path home;

    private StackLayout(Path home) {
        this.home = home;
    }

    public static StackLayout locate() {
        String configured = System.getProperty("receipts.home");
        if (configured != null && !configured.isBlank()) {
            return of(Path.of(configured));
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("config/james"))) {
                return of(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the project root (a directory holding config/james) above ["
            + Path.of("").toAbsolutePath() + "]; set -Dreceipts.home");
    }

    public static StackLayout of(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute.resolve("config/james"))) {
            throw new IllegalArgumentException("Not the project root: [" + absolute + "] has no config/james");
        }
        return new StackLayout(absolute);
    }

    public Path home() {
        return home;
    }

    public Path jamesConfig() {
        return home.resolve("config/james");
    }

    public Path jamesLib() {
        return requireBuilt(home.resolve("james-assembly/target/james/lib"));
    }

    public Path mailetsJar() {
        return requireBuilt(home.resolve("james-assembly/target/james/extensions-jars/receipts-mailets.jar"));
    }

    public Path serviceJar() {
        return requireBuilt(home.resolve("receipt-service/target/quarkus-app/quarkus-run.jar"));
    }

    private static Path requireBuilt(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("[" + path + "] is missing: build first with ./mvnw -DskipTests package");
        }
        return path;
    }
}
