package dev.receipts.service.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.receipts.service.config.ReceiptsConfig;
import dev.receipts.service.config.ReceiptsConfig.SubjectMode;
import dev.receipts.service.privacy.Pseudonyms;

/**
 * Applies {@code receipts.privacy.subjects} (docs/consent.md, "Minimisation") to an event before anything of it is
 * stored: {@code DROP} removes the subject, {@code HASH} replaces it by its keyed hash, {@code STORE} keeps it.
 * Applies to the raw payload (accepted or rejected) and to the parsed event alike.
 */
@ApplicationScoped
public class SubjectMinimiser {
    static final String FIELD = "subject";

    @Inject
    ReceiptsConfig config;

    @Inject
    Pseudonyms pseudonyms;

    /** The event as it may be stored: the same node when nothing changes, else a minimised copy. */
    public JsonNode minimise(JsonNode node) {
        SubjectMode mode = config.privacy().subjects();
        if (mode == SubjectMode.STORE || node == null || !node.isObject() || !node.has(FIELD)) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        JsonNode subject = copy.get(FIELD);
        if (mode == SubjectMode.DROP) {
            copy.remove(FIELD);
        } else if (!subject.isNull()) {
            copy.set(FIELD, TextNode.valueOf(pseudonyms.hash(subject.isTextual() ? subject.asText() : subject.toString())));
        }
        return copy;
    }

    /** The subject a sent message may keep: null, the clear text (at most 2000 characters), or its keyed hash. */
    public Event minimise(Event event) {
        if (!(event instanceof Event.Submitted submitted) || submitted.subject() == null) {
            return event;
        }
        return switch (config.privacy().subjects()) {
            case DROP -> submitted.withSubject(null);
            case HASH -> submitted.withSubject(pseudonyms.hash(submitted.subject()));
            case STORE -> submitted.withSubject(submitted.subject().length() <= 2000
                ? submitted.subject() : submitted.subject().substring(0, 1999) + "…");
        };
    }
}
