package dev.receipts.mailets.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable, file-per-event queue: {@code tmp/} while an event is written, {@code ready/} once it
 * is on disk, {@code dead/} for events that cannot be delivered, each with its reason beside it.
 *
 * <p>{@link #append} writes {@code tmp/<name>.json}, forces it to disk, then atomically moves it
 * into {@code ready/} and forces that directory too, so that the rename survives a power loss: a
 * file in {@code ready/} is always complete. Names sort in creation order
 * ({@code <13-digit epoch millis>-<10-digit sequence>-<uuid>.json}, the millis never going
 * backwards within a process). Safe for concurrent use. On open, {@code ready/} files are pending
 * and {@code tmp/} leftovers (incomplete writes of a crashed process) are removed.
 */
public final class EventSpool {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventSpool.class);
    private static final String SUFFIX = ".json";
    /** Beside each file in {@code dead/}: why it is there. */
    public static final String REASON_SUFFIX = ".reason";

    private final Path directory;
    private final Path tmp;
    private final Path ready;
    private final Path dead;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong lastMillis = new AtomicLong();
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    /** Names made but not yet in {@code ready/}; guarded by {@link #names}. */
    private final java.util.TreeSet<String> inFlight = new java.util.TreeSet<>();
    private final Object names = new Object();

    private EventSpool(Path directory) {
        this.directory = directory;
        this.tmp = directory.resolve("tmp");
        this.ready = directory.resolve("ready");
        this.dead = directory.resolve("dead");
    }

    /**
     * Opens (creating if needed) a spool directory and checks that it is writable.
     *
     * @throws IOException when the directories cannot be created or written
     */
    public static EventSpool open(Path directory) throws IOException {
        EventSpool spool = new EventSpool(directory.toAbsolutePath().normalize());
        Files.createDirectories(spool.tmp);
        Files.createDirectories(spool.ready);
        Files.createDirectories(spool.dead);
        spool.removeIncomplete();
        Path probe = Files.createTempFile(spool.tmp, "write-probe-", ".tmp");
        Files.delete(probe);
        return spool;
    }

    private void removeIncomplete() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                LOGGER.warn("Removing incomplete spool file {} left by an earlier run", leftover);
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Calls {@code listener} after every successful append (to wake a forwarder). */
    public void onAppend(Runnable listener) {
        appendListeners.add(Objects.requireNonNull(listener));
    }

    /** Durably stores one event; when this returns, the event survives a crash. */
    public Path append(String eventJson) throws IOException {
        String name;
        synchronized (names) {
            name = nextName();
            inFlight.add(name);
        }
        Path target = ready.resolve(name);
        try {
            Path temporary = tmp.resolve(name);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(eventJson.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(ready);
        } finally {
            synchronized (names) {
                inFlight.remove(name);
            }
        }
        appendListeners.forEach(Runnable::run);
        return target;
    }

    private String nextName() {
        long now = System.currentTimeMillis();
        long millis = lastMillis.accumulateAndGet(now, Math::max);
        return String.format("%013d-%010d-%s%s", millis, sequence.incrementAndGet(), UUID.randomUUID(), SUFFIX);
    }

    /**
     * The oldest ready files, at most {@code max}, oldest first. A directory listing may miss a file renamed into
     * {@code ready/} while it runs and still return a newer one; so only files older than every event still being
     * written by this process are returned: those were all in {@code ready/} before the listing began.
     */
    public List<Path> oldest(int max) throws IOException {
        String writing;
        synchronized (names) {
            writing = inFlight.isEmpty() ? null : inFlight.first();
        }
        PriorityQueue<Path> newestFirst = new PriorityQueue<>(max + 1, (a, b) -> b.getFileName().compareTo(a.getFileName()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ready, "*" + SUFFIX)) {
            for (Path file : files) {
                if (writing != null && file.getFileName().toString().compareTo(writing) >= 0) {
                    continue;
                }
                newestFirst.add(file);
                if (newestFirst.size() > max) {
                    newestFirst.poll();
                }
            }
        }
        List<Path> result = new ArrayList<>(newestFirst);
        result.sort((a, b) -> a.getFileName().compareTo(b.getFileName()));
        return result;
    }

    /** Removes delivered files; a file already gone is fine. */
    public void delete(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Moves a file that cannot be delivered out of the way, keeping it for inspection, with why beside it
     * ({@code dead/<name>.reason}, written first: a dead file always has its reason).
     */
    public Path moveToDead(Path file, String reason) throws IOException {
        Path target = dead.resolve(file.getFileName());
        Files.writeString(dead.resolve(file.getFileName() + REASON_SUFFIX), reason + System.lineSeparator(),
            StandardCharsets.UTF_8);
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return target;
        }
    }

    /** How many events wait in {@code ready/}. */
    public long pendingCount() {
        return count(ready);
    }

    /** How many files were set aside in {@code dead/}. */
    public long deadCount() {
        return count(dead);
    }

    private static long count(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    public Path directory() {
        return directory;
    }

    public Path readyDirectory() {
        return ready;
    }

    public Path deadDirectory() {
        return dead;
    }

    /** Makes a rename in {@code directory} durable (Linux allows fsync on a directory opened read-only). */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
