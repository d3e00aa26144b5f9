package dev.receipts.mailets;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.receipts.mailets.core.EventForwarder;
import dev.receipts.mailets.core.EventSpool;
import dev.receipts.mailets.core.InvalidSettingException;
import dev.receipts.mailets.core.ReceiptEvents;
import dev.receipts.mailets.core.ReceiptSettings;
import dev.receipts.mailets.core.SpoolRegistry;

/**
 * What the receipts mailets share: the init parameters {@code serviceUrl}, {@code token},
 * {@code spoolDirectory} and {@code nodeName}, validated in {@link #init()}; the lease on the
 * shared spool and forwarder, released in {@link #destroy()}; and a {@link #service} that turns a
 * mail into at most one event, spools it, and never throws. The mail is changed only by
 * {@link #afterEvent}, which is called once the event is spooled (or logged, when it cannot be):
 * a mailet that acts on mail never acts without a record of it.
 */
public abstract class ReceiptMailet extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptMailet.class);

    private final Clock clock;
    private ReceiptSettings settings;
    private ReceiptEvents events;
    private volatile SpoolRegistry.Lease lease;

    protected ReceiptMailet(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The mailet's own parameters, besides the common ones. */
    protected List<String> extraParameters() {
        return List.of();
    }

    /**
     * Reads the mailet's own parameters and starts what the mailet needs besides the spool; called
     * after the common ones are validated ({@link #settings()} is set). When init fails afterwards,
     * {@link #destroy()} is called to stop it.
     */
    protected void initExtra(Map<String, String> parameters) throws InvalidSettingException {
    }

    /** The event for this mail, or empty when it is not of interest. May throw: service() catches. */
    protected abstract Optional<ObjectNode> event(Mail mail, ReceiptEvents events) throws Exception;

    /**
     * Acts on the mail after its event was spooled, or logged because spooling failed; not called
     * when there is no event. Does nothing by default: only a mailet that enforces something
     * overrides it. May throw: service() catches and logs.
     */
    protected void afterEvent(Mail mail, ObjectNode event) throws Exception {
    }

    @Override
    public final void init() throws MessagingException {
        String name = name();
        Map<String, String> parameters = MailetParameters.of(this);
        try {
            settings = ReceiptSettings.parse(name, parameters, extraParameters(), ReceiptSettings.defaultWorkingDirectory());
            initExtra(parameters);
        } catch (InvalidSettingException e) {
            throw new MessagingException(e.getMessage());
        }
        try {
            lease = SpoolLeases.acquire(name, settings, parameters);
        } catch (MessagingException e) {
            destroy();
            throw e;
        }
        events = new ReceiptEvents(settings.nodeName(), clock);
        LOGGER.info("{} started: spool {}, forwarding to {}, node {}", name, settings.spoolDirectory(),
            lease.forwarder().ingestUri(), settings.nodeName());
    }

    @Override
    public final void service(Mail mail) {
        ObjectNode event;
        try {
            event = event(mail, events).orElse(null);
        } catch (Exception | LinkageError e) {
            LOGGER.error("{}: cannot read mail [{}]; no event recorded for it", name(), MailFacts.name(mail), e);
            return;
        }
        if (event == null) {
            return;
        }
        try {
            lease.spool().append(ReceiptEvents.toJson(event));
        } catch (Exception | LinkageError e) {
            LOGGER.error("{}: cannot spool the event for mail [{}]; here it is, so that it is not lost: {}",
                name(), MailFacts.name(mail), event, e);
        }
        try {
            afterEvent(mail, event);
        } catch (Exception | LinkageError e) {
            LOGGER.error("{}: cannot act on mail [{}] after its event {}", name(), MailFacts.name(mail), event.get("id"), e);
        }
    }

    @Override
    public void destroy() {
        SpoolRegistry.Lease current = lease;
        if (current != null) {
            current.close();
        }
    }

    /** The validated common settings (after init). */
    public ReceiptSettings settings() {
        return settings;
    }

    /** The shared spool (after init): for health reporting and tests. */
    public EventSpool spool() {
        return lease.spool();
    }

    /** The shared forwarder (after init): for health reporting and tests. */
    public EventForwarder forwarder() {
        return lease.forwarder();
    }

    /** Whether James serves a domain, by the mailet context; a domain James cannot even parse is not local. */
    protected final boolean isLocalDomain(String domain) {
        try {
            return getMailetContext().isLocalServer(Domain.of(domain));
        } catch (RuntimeException e) {
            return false;
        }
    }

    protected final String name() {
        return getClass().getSimpleName();
    }
}
