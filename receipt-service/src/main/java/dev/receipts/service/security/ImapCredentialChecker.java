package dev.receipts.service.security;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Checks a user name and password with an IMAP {@code LOGIN} (RFC 3501) against a mail server, then logs out.
 * Strings are sent quoted, or as literals when they hold characters a quoted string cannot.
 */
public final class ImapCredentialChecker {
    private static final int MAX_LINE = 8192;

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public ImapCredentialChecker(String host, int port, Duration connectTimeout, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * @return true when the server accepted the credentials, false when it refused them
     * @throws IOException when the server could not be reached or answered out of protocol
     */
    public boolean check(String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String greeting = readLine(in);
            if (greeting == null || !greeting.regionMatches(true, 0, "* OK", 0, 4)) {
                throw new IOException("IMAP server at " + host + ":" + port + " did not greet with OK: [" + greeting + "]");
            }
            boolean accepted = login(in, out, user, password);
            if (accepted) {
                logout(in, out);
            }
            return accepted;
        }
    }

    private static boolean login(InputStream in, OutputStream out, String user, String password) throws IOException {
        out.write("a1 LOGIN ".getBytes(StandardCharsets.US_ASCII));
        if (!writeString(in, out, user)) {
            return false;
        }
        out.write(' ');
        if (!writeString(in, out, password)) {
            return false;
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.startsWith("a1 ")) {
                return line.regionMatches(true, 3, "OK", 0, 2);
            }
        }
        throw new IOException("IMAP server closed the connection during LOGIN");
    }

    /** Writes an astring; false when the server refused a literal. */
    private static boolean writeString(InputStream in, OutputStream out, String value) throws IOException {
        if (isQuotable(value)) {
            StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    quoted.append('\\');
                }
                quoted.append(c);
            }
            out.write(quoted.append('"').toString().getBytes(StandardCharsets.US_ASCII));
            return true;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(("{" + bytes.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.startsWith("+")) {
                out.write(bytes);
                return true;
            }
            if (line.startsWith("a1 ")) {
                return false;
            }
        }
        throw new IOException("IMAP server closed the connection during LOGIN");
    }

    private static void logout(InputStream in, OutputStream out) {
        try {
            out.write("a2 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while ((line = readLine(in)) != null && !line.startsWith("a2 ")) {
                // skip the untagged BYE
            }
        } catch (IOException e) {
            // The check already succeeded; a server that hangs up first is fine.
        }
    }

    private static boolean isQuotable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("IMAP response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
