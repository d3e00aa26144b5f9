package dev.receipts.service.retention;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.receipts.service.config.ReceiptsConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when raw events or orphan reports would outlive the pseudonymisation horizon: they carry clear
 * addresses (and a pending report keeps its raw event), so keeping them longer would defeat the pseudonymisation
 * (docs/consent.md, "Minimisation").
 */
@ApplicationScoped
public class RetentionStartupCheck {
    @Inject
    ReceiptsConfig config;

    void onStart(@Observes StartupEvent event) {
        check("receipts.retention.raw-events", config.retention().rawEvents(), config.privacy().pseudonymiseExternalAfter());
        check("receipts.retention.orphan-reports", config.retention().orphanReports(),
            config.privacy().pseudonymiseExternalAfter());
    }

    /**
     * @throws IllegalStateException when {@code retention} (the setting {@code key}) exceeds {@code pseudonymiseAfter}
     */
    static void check(String key, Duration retention, Duration pseudonymiseAfter) {
        if (retention.compareTo(pseudonymiseAfter) > 0) {
            throw new IllegalStateException(key + " [" + retention
                + "] must not exceed receipts.privacy.pseudonymise-external-after [" + pseudonymiseAfter
                + "]: raw events and orphan reports carry clear addresses");
        }
    }
}
