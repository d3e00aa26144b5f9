package dev.receipts.service.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.receipts.service.config.ReceiptsConfig;

/**
 * Failed logins per user name (docs/web-api.md, "Sign-in"): after {@code receipts.security.max-failures} failures
 * within {@code failure-window}, the name is locked out for {@code lockout}, and the identity provider refuses it
 * without asking James. Kept in memory, per instance.
 */
@ApplicationScoped
public class FailedLogins {
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;

    Clock clock = Clock.systemUTC();

    /** A run of failures for one name: when it started, how many, and until when the name is locked. */
    private record Streak(Instant firstFailure, int failures, Instant lockedUntil) {
    }

    @Inject
    public FailedLogins(ReceiptsConfig config) {
        this(config.security().maxFailures(), config.security().failureWindow(), config.security().lockout());
    }

    public FailedLogins(int maxFailures, Duration window, Duration lockout) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("receipts.security.max-failures must be at least 1, got [" + maxFailures + "]");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    /** Until when the name is locked out, or null when it may try. */
    public Instant lockedUntil(String user) {
        Streak streak = streaks.get(Roles.canonical(user));
        Instant now = clock.instant();
        return streak != null && streak.lockedUntil() != null && streak.lockedUntil().isAfter(now)
            ? streak.lockedUntil()
            : null;
    }

    /** Counts a refused login; the failure that reaches the limit starts the lockout. */
    public void failed(String user) {
        Instant now = clock.instant();
        if (streaks.size() >= MAX_TRACKED) {
            streaks.values().removeIf(s -> isOver(s, now));
        }
        streaks.compute(Roles.canonical(user), (name, streak) -> {
            if (streak == null || isOver(streak, now)) {
                streak = new Streak(now, 0, null);
            }
            int failures = streak.failures() + 1;
            return new Streak(streak.firstFailure(), failures, failures >= maxFailures ? now.plus(lockout) : null);
        });
    }

    /** A successful login ends that name's streak (and only that name's). */
    public void succeeded(String user) {
        streaks.remove(Roles.canonical(user));
    }

    private boolean isOver(Streak streak, Instant now) {
        if (streak.lockedUntil() != null) {
            return !streak.lockedUntil().isAfter(now);
        }
        return !streak.firstFailure().plus(window).isAfter(now);
    }
}
