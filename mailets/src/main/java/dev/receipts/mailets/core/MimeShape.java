package dev.receipts.mailets.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The shape of a message's MIME structure, read in one streaming pass with mime4j (in James 3.8.1's {@code lib/}),
 * without decoding any body: how deep its multiparts nest and how many parts it has. Reading stops as soon as a
 * limit is passed, so a hostile message costs at most one pass over its bytes, and usually much less.
 */
public final class MimeShape {
    private final int maxDepth;
    private final int maxParts;

    public MimeShape(int maxDepth, int maxParts) {
        if (maxDepth < 1 || maxParts < 1) {
            throw new IllegalArgumentException("limits must be at least 1, got depth " + maxDepth + ", parts " + maxParts);
        }
        this.maxDepth = maxDepth;
        this.maxParts = maxParts;
    }

    /** Why the message is beyond the limits, or empty when it is within them (or not MIME at all). */
    public Optional<String> excess(InputStream message) throws IOException {
        Counter counter = new Counter();
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE);
        parser.setContentHandler(counter);
        parser.setContentDecoding(false);
        try {
            parser.parse(message);
        } catch (Excess e) {
            return Optional.of(e.getMessage());
        } catch (MimeException e) {
            // Not readable as MIME: nothing nests, James's own readers see a single part.
            return Optional.empty();
        }
        return Optional.empty();
    }

    private final class Counter extends AbstractContentHandler {
        private int depth;
        private int parts;

        @Override
        public void startMultipart(BodyDescriptor descriptor) {
            depth++;
            if (depth > maxDepth) {
                throw new Excess("multiparts nested more than " + maxDepth + " levels deep");
            }
        }

        @Override
        public void endMultipart() {
            depth--;
        }

        @Override
        public void startBodyPart() {
            parts++;
            if (parts > maxParts) {
                throw new Excess("more than " + maxParts + " MIME parts");
            }
        }
    }

    /** Thrown from the handler to stop the parser at the first excess. */
    private static final class Excess extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Excess(String reason) {
            super(reason, null, false, false);
        }
    }
}
