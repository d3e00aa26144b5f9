package dev.receipts.service.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings, all under the {@code receipts.} prefix (see the module README). */
@ConfigMapping(prefix = "receipts")
public interface ReceiptsConfig {

    Ingest ingest();

    Identity identity();

    Roles roles();

    Correlation correlation();

    /** How the mailets authenticate when they post events. */
    interface Ingest {
        /** The shared secret the mailets send as {@code Authorization: Bearer}. Required. */
        String token();
    }

    /** Where users' credentials are checked: James's IMAP server. */
    interface Identity {
        @WithDefault("127.0.0.1")
        String imapHost();

        @WithDefault("1143")
        int imapPort();

        /** How long a successful credential check is remembered. */
        @WithDefault("60s")
        Duration cacheTtl();

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration readTimeout();
    }

    /** Extra roles by address; every authenticated user is an employee. */
    interface Roles {
        @WithDefault("carol@corp.example")
        List<String> compliance();

        @WithDefault("admin@corp.example")
        List<String> admin();
    }

    interface Correlation {
        /** How often uncorrelated reports are retried. */
        @WithDefault("30s")
        Duration sweepInterval();

        /** How many uncorrelated reports one sweep retries at most. */
        @WithDefault("500")
        int sweepBatchSize();
    }
}
