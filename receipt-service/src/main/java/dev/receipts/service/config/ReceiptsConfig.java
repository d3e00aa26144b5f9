package dev.receipts.service.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings, all under the {@code receipts.} prefix (see the module README). */
@ConfigMapping(prefix = "receipts")
public interface ReceiptsConfig {

    Ingest ingest();

    Identity identity();

    Roles roles();

    Correlation correlation();

    /** The mail domains of the organisation; every other domain is external (docs/consent.md). */
    @WithDefault("corp.example")
    List<String> localDomains();

    Privacy privacy();

    Retention retention();

    Security security();

    Oidc oidc();

    Live live();

    Health health();

    /** How the mailets authenticate when they post events. */
    interface Ingest {
        /** The shared secret the mailets send as {@code Authorization: Bearer}. Required. */
        String token();

        /**
         * Whether an event answered 200 must be on disk first (H2: {@code WRITE_DELAY 0}; see
         * {@code DurableCommits}). Only for measuring what durability costs: off, a {@code kill -9} of the service
         * loses acknowledged events.
         */
        @WithDefault("true")
        boolean durableCommits();
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

        /**
         * The key of the envelope ids the mailets assign ({@code rcpt.<random>.<hmac>}); the same as the mailet
         * parameter {@code envelopeIdKey}. Without it such ids are not checked (verification UNVERIFIED).
         */
        Optional<String> envelopeIdKey();

        /** After how long without a new delivery fact a recipient's requested DSN is no longer expected. */
        @WithDefault("P2D")
        Duration reportDeadline();

        /** After how long a requested read receipt (MDN) is no longer expected. */
        @WithDefault("P14D")
        Duration readReceiptDeadline();

        /** After how long a report still waiting for its message is shown as an orphan. */
        @WithDefault("P1D")
        Duration orphanAfter();

        /** How often the silence job runs. */
        @WithDefault("1h")
        Duration silenceInterval();
    }

    /** Data minimisation (docs/consent.md, "Minimisation"). */
    interface Privacy {
        /** What happens to a submitted message's subject: DROP, STORE or HASH. */
        @WithDefault("DROP")
        SubjectMode subjects();

        /** The key of the pseudonyms' HMAC (at least 16 characters). Required. */
        String pseudonymKey();

        /** After how long external addresses are replaced by pseudonyms. */
        @WithDefault("P30D")
        Duration pseudonymiseExternalAfter();
    }

    enum SubjectMode { DROP, STORE, HASH }

    /** How long each kind of data is kept (docs/consent.md, "Retention"). */
    interface Retention {
        @WithDefault("P365D")
        Duration messages();

        /** Must not exceed privacy.pseudonymise-external-after. */
        @WithDefault("P14D")
        Duration rawEvents();

        /** Must not exceed privacy.pseudonymise-external-after. */
        @WithDefault("P30D")
        Duration orphanReports();

        @WithDefault("P730D")
        Duration ledger();

        @WithDefault("P90D")
        Duration pixelReports();

        @WithDefault("P1825D")
        Duration auditLog();

        /** How often the scheduled purge runs. */
        @WithDefault("24h")
        Duration purgeInterval();

        /** Rows deleted per transaction. */
        @WithDefault("500")
        int batchSize();
    }

    /** Repeated failed logins (docs/web-api.md, "Sign-in"). */
    interface Security {
        /** Failed logins for one user name, within the window, before that name is locked out. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("15m")
        Duration failureWindow();

        /** How long a locked-out name is refused without asking James. */
        @WithDefault("15m")
        Duration lockout();
    }

    /** Sign-in with an OpenID Connect provider (off unless quarkus.oidc.tenant-enabled=true). */
    interface Oidc {
        /** The token claim that names the user (an address, as for mail users). */
        @WithDefault("email")
        String userClaim();
    }

    /** Server-sent events for the pages. */
    interface Live {
        /** How often a comment line keeps an idle stream open. */
        @WithDefault("15s")
        Duration keepAlive();
    }

    /** What the readiness check expects of ingest. */
    interface Health {
        /** Readiness is DOWN when nodes have reported before but none within this long. */
        @WithDefault("15m")
        Duration ingestStaleAfter();
    }
}
