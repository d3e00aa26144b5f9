package dev.receipts.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailetConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.mailets.core.Samples;

/** Shared set-up of the mailet tests: configurations, messages, and reading what was spooled. */
final class MailetFixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    /** Nothing listens there: events stay in the spool where the tests read them. */
    static final String UNREACHABLE_SERVICE = "http://127.0.0.1:9";
    static final String LOCAL_DOMAIN = "corp.example";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MailetFixtures() {
    }

    static FakeMailetConfig.Builder config(String mailetName, Path spool) {
        return FakeMailetConfig.builder()
            .mailetName(mailetName)
            .setProperty("serviceUrl", UNREACHABLE_SERVICE)
            .setProperty("token", "s3cret")
            .setProperty("spoolDirectory", spool.toString())
            .setProperty("nodeName", "mx1");
    }

    /**
     * A mail context in which James serves {@code corp.example}, else the given fake: the test kit's
     * own context serves only {@code localhost}.
     */
    static MailetContext servingCorpExample(MailetContext fake) {
        return (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, arguments) -> {
                if (method.getName().equals("isLocalServer")) {
                    return LOCAL_DOMAIN.equals(((Domain) arguments[0]).asString());
                }
                try {
                    return method.invoke(fake, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    static MimeMessage message(String raw) throws MessagingException {
        return Samples.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The events waiting in the spool, oldest first. */
    static List<JsonNode> spooled(Path spool) {
        Path ready = spool.resolve("ready");
        if (!Files.isDirectory(ready)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ready)) {
            return files.sorted().map(MailetFixtures::read).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything a mailet could change on a mail, to compare before and after. */
    static List<Object> snapshot(Mail mail) throws Exception {
        List<Object> state = new ArrayList<>();
        state.add(mail.getName());
        state.add(mail.getState());
        state.add(List.copyOf(mail.getRecipients()));
        state.add(mail.getMaybeSender());
        state.add(Map.copyOf(mail.attributesMap()));
        state.add(mail.getErrorMessage());
        MimeMessage message = mail.getMessage();
        state.add(Collections.list(message.getAllHeaderLines()));
        try (InputStream raw = message.getRawInputStream()) {
            state.add(new String(raw.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        return state;
    }
}
