package dev.receipts.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link FakeImapServer} for the Quarkus tests and points the service's identity check at it. */
public class FakeImapResource implements QuarkusTestResourceLifecycleManager {
    public static final String ALICE = "alice@corp.example";
    public static final String ALICE_PASSWORD = "alice \"quoted\" \\ secret";
    public static final String BOB = "bob@corp.example";
    public static final String BOB_PASSWORD = "bob-secret";
    public static final String CAROL = "carol@corp.example";
    public static final String CAROL_PASSWORD = "carol-secret";

    public static final String ADMIN = "admin@corp.example";
    public static final String ADMIN_PASSWORD = "admin-secret";

    private static FakeImapServer server;

    public static FakeImapServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new FakeImapServer(Map.of(ALICE, ALICE_PASSWORD, BOB, BOB_PASSWORD, CAROL, CAROL_PASSWORD,
                ADMIN, ADMIN_PASSWORD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("receipts.identity.imap-host", "127.0.0.1",
            "receipts.identity.imap-port", String.valueOf(server.port()));
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
