package dev.receipts.mailets.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.receipts.contract.XText;

/**
 * Bounded reads and charset guessing for report parts: UTF-8 when the bytes are valid UTF-8,
 * ISO-8859-1 otherwise, so that any byte sequence decodes.
 */
public final class TextDecoding {
    private TextDecoding() {
    }

    /** Bytes read from a stream, at most a cap; {@code truncated} when the stream had more. */
    public static final class CappedBytes {
        private final byte[] bytes;
        private final boolean truncated;

        CappedBytes(byte[] bytes, boolean truncated) {
            this.bytes = bytes;
            this.truncated = truncated;
        }

        public byte[] bytes() {
            return bytes;
        }

        public boolean truncated() {
            return truncated;
        }

        public String text() {
            return decode(bytes);
        }
    }

    /** Reads at most {@code cap} bytes; reads one more to know whether the stream was longer. */
    public static CappedBytes readCapped(InputStream in, int cap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        while (total <= cap) {
            int read = in.read(buffer, 0, Math.min(buffer.length, cap + 1 - total));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            total += read;
        }
        byte[] all = out.toByteArray();
        if (all.length > cap) {
            byte[] kept = new byte[cap];
            System.arraycopy(all, 0, kept, 0, cap);
            return new CappedBytes(kept, true);
        }
        return new CappedBytes(all, false);
    }

    /** UTF-8 if valid, else ISO-8859-1 (never fails). */
    public static String decode(byte[] bytes) {
        return XText.utf8OrLatin1(bytes);
    }
}
