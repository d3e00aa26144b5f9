package dev.receipts.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private FailedLogins testee;

    @BeforeEach
    void setUp() {
        testee = new FailedLogins(3, Duration.ofMinutes(15), Duration.ofMinutes(10));
        testee.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @Test
    void theFailureThatReachesTheLimitShouldLockTheNameForTheLockout() {
        testee.failed("dave@corp.example");
        testee.failed("Dave@Corp.Example");
        assertThat(testee.lockedUntil("dave@corp.example")).isNull();

        testee.failed("dave@corp.example");

        assertThat(testee.lockedUntil("DAVE@corp.example")).isEqualTo(now.plus(Duration.ofMinutes(10)));
        now = now.plus(Duration.ofMinutes(10));
        assertThat(testee.lockedUntil("dave@corp.example")).isNull();
    }

    @Test
    void failuresOutsideTheWindowShouldNotAddUp() {
        testee.failed("dave@corp.example");
        testee.failed("dave@corp.example");
        now = now.plus(Duration.ofMinutes(16));
        testee.failed("dave@corp.example");

        assertThat(testee.lockedUntil("dave@corp.example")).isNull();
    }

    @Test
    void aSuccessShouldEndOnlyItsOwnNamesStreak() {
        testee.failed("dave@corp.example");
        testee.failed("dave@corp.example");
        testee.failed("erin@corp.example");
        testee.failed("erin@corp.example");

        testee.succeeded("erin@corp.example");
        testee.failed("dave@corp.example");
        testee.failed("erin@corp.example");

        assertThat(testee.lockedUntil("dave@corp.example")).isNotNull();
        assertThat(testee.lockedUntil("erin@corp.example")).isNull();
    }
}
