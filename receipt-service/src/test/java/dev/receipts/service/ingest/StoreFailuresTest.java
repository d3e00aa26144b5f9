package dev.receipts.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

class StoreFailuresTest {
    @Test
    void theDatabaseGoneBusyOrInConflictIsTransient() {
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("connection lost", "08006")))).isTrue();
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("serialization", "40001")))).isTrue();
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("shutting down", "57P01")))).isTrue();
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("lock timeout", "HYT00")))).isTrue();
        assertThat(StoreFailures.isTransient(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        assertThat(StoreFailures.isTransient(new LockTimeoutException("lock"))).isTrue();
    }

    @Test
    void aValueOrConstraintTheDatabaseRefusesIsTheEventsProblem() {
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("value too long", "22001")))).isFalse();
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("invalid byte sequence", "22021")))).isFalse();
        assertThat(StoreFailures.isTransient(wrapped(new SQLException("check violated", "23513")))).isFalse();
        assertThat(StoreFailures.isTransient(new NullPointerException())).isFalse();
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new IllegalStateException("transaction failed", new PersistenceException("flush", cause));
    }
}
