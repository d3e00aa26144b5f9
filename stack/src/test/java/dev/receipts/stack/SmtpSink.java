package dev.receipts.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The remote side of RemoteDelivery in tests: a minimal SMTP server on loopback (RFC 5321: EHLO, MAIL, RCPT,
 * DATA with dot-unstuffing, RSET, NOOP, QUIT) that accepts everything and keeps what it received. It offers no
 * DSN, like most of the Internet.
 */
final class SmtpSink implements AutoCloseable {
    /** One message as received: the envelope and the data. */
    record Received(String mailFrom, List<String> recipients, String data) {
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink.example.net ESMTP test sink");
            String from = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink.example.net\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO" -> reply(out, "250 sink.example.net");
                    case "MAIL" -> {
                        from = argument(line);
                        recipients = new ArrayList<>();
                        reply(out, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(argument(line));
                        reply(out, "250 2.1.5 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith(".") ? dataLine.substring(1) : dataLine).append("\r\n");
                        }
                        received.add(new Received(from, List.copyOf(recipients), data.toString()));
                        reply(out, "250 2.0.0 OK queued");
                    }
                    case "RSET" -> {
                        from = null;
                        recipients = new ArrayList<>();
                        reply(out, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException e) {
            // The client went away; what was received is kept.
        }
    }

    private static String argument(String line) {
        int lt = line.indexOf('<');
        int gt = line.indexOf('>', lt + 1);
        return lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line.substring(line.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
