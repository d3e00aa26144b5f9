package dev.receipts.service.retention;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.receipts.service.config.ReceiptsConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when raw events would outlive the pseudonymisation horizon: they carry clear addresses, so
 * keeping them longer would defeat the pseudonymisation (docs/consent.md, "Minimisation").
 */
@ApplicationScoped
public class RetentionStartupCheck {
    @Inject
    ReceiptsConfig config;

    void onStart(@Observes StartupEvent event) {
        check(config.retention().rawEvents(), config.privacy().pseudonymiseExternalAfter());
    }

    /**
     * @throws IllegalStateException when {@code rawEvents} exceeds {@code pseudonymiseAfter}
     */
    static void check(Duration rawEvents, Duration pseudonymiseAfter) {
        if (rawEvents.compareTo(pseudonymiseAfter) > 0) {
            throw new IllegalStateException("receipts.retention.raw-events [" + rawEvents
                + "] must not exceed receipts.privacy.pseudonymise-external-after [" + pseudonymiseAfter
                + "]: raw events carry clear addresses");
        }
    }
}
