package dev.receipts.service.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny IMAP server on loopback that answers {@code LOGIN} with OK or NO from a fixed user table, and
 * {@code LOGOUT}. It reads quoted strings, atoms and literals, as RFC 3501 allows for the arguments of LOGIN.
 */
public final class FakeImapServer implements AutoCloseable {
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> receivedPasswords = new ArrayList<>();
    private final ServerSocket server;
    private final Thread acceptor;

    public FakeImapServer(Map<String, String> users) throws IOException {
        this.users.putAll(users);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-imap");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many LOGIN commands were received. */
    public int logins() {
        return logins.get();
    }

    public synchronized List<String> receivedPasswords() {
        return List.copyOf(receivedPasswords);
    }

    public void addUser(String user, String password) {
        users.put(user, password);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> serve(socket), "fake-imap-session");
                handler.setDaemon(true);
                handler.start();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            write(out, "* OK [CAPABILITY IMAP4rev1] fake IMAP ready");
            while (true) {
                String tag = readToken(in, out);
                if (tag == null) {
                    return;
                }
                String command = readToken(in, out);
                if ("LOGIN".equalsIgnoreCase(command)) {
                    String user = readToken(in, out);
                    String password = readToken(in, out);
                    skipToEndOfLine(in);
                    logins.incrementAndGet();
                    synchronized (this) {
                        receivedPasswords.add(password);
                    }
                    if (password != null && password.equals(users.get(user))) {
                        write(out, "* CAPABILITY IMAP4rev1");
                        write(out, tag + " OK LOGIN completed");
                    } else {
                        write(out, tag + " NO [AUTHENTICATIONFAILED] Invalid credentials");
                    }
                } else if ("LOGOUT".equalsIgnoreCase(command)) {
                    skipToEndOfLine(in);
                    write(out, "* BYE fake IMAP logging out");
                    write(out, tag + " OK LOGOUT completed");
                    return;
                } else {
                    skipToEndOfLine(in);
                    write(out, tag + " BAD unknown command");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Reads one atom, quoted string or literal; null at end of stream. */
    private static String readToken(InputStream in, OutputStream out) throws IOException {
        int c = in.read();
        while (c == ' ') {
            c = in.read();
        }
        if (c == -1) {
            return null;
        }
        if (c == '"') {
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            while ((c = in.read()) != -1 && c != '"') {
                if (c == '\\') {
                    c = in.read();
                }
                value.write(c);
            }
            return value.toString(StandardCharsets.UTF_8);
        }
        if (c == '{') {
            StringBuilder length = new StringBuilder();
            while ((c = in.read()) != '}') {
                length.append((char) c);
            }
            in.read(); // CR
            in.read(); // LF
            write(out, "+ go ahead");
            byte[] bytes = in.readNBytes(Integer.parseInt(length.toString()));
            return new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder atom = new StringBuilder().append((char) c);
        in.mark(1);
        while ((c = in.read()) != -1 && c != ' ' && c != '\r' && c != '\n') {
            atom.append((char) c);
            in.mark(1);
        }
        if (c == '\r' || c == '\n') {
            in.reset();
        }
        return atom.toString();
    }

    private static void skipToEndOfLine(InputStream in) throws IOException {
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            // skip
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
