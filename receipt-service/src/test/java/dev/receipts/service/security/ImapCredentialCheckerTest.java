package dev.receipts.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.receipts.service.support.FakeImapServer;

class ImapCredentialCheckerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private FakeImapServer imap;
    private ImapCredentialChecker testee;

    @BeforeEach
    void startServer() throws IOException {
        imap = new FakeImapServer(Map.of(
            "alice@corp.example", "alice-secret",
            "odd@corp.example", "pa\"ss\\word with spaces",
            "intl@corp.example", "pässwörd"));
        testee = new ImapCredentialChecker("127.0.0.1", imap.port(), TIMEOUT, TIMEOUT);
    }

    @AfterEach
    void stopServer() throws IOException {
        imap.close();
    }

    @Test
    void checkShouldAcceptCredentialsTheServerAccepts() throws IOException {
        assertThat(testee.check("alice@corp.example", "alice-secret")).isTrue();
    }

    @Test
    void checkShouldRefuseCredentialsTheServerRefuses() throws IOException {
        assertThat(testee.check("alice@corp.example", "wrong")).isFalse();
        assertThat(testee.check("nobody@corp.example", "alice-secret")).isFalse();
    }

    @Test
    void checkShouldQuoteDoubleQuotesBackslashesAndSpaces() throws IOException {
        assertThat(testee.check("odd@corp.example", "pa\"ss\\word with spaces")).isTrue();
        assertThat(imap.receivedPasswords()).containsExactly("pa\"ss\\word with spaces");
    }

    @Test
    void checkShouldSendNonAsciiPasswordsAsLiterals() throws IOException {
        assertThat(testee.check("intl@corp.example", "pässwörd")).isTrue();
    }

    @Test
    void checkShouldFailWhenNoServerListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ImapCredentialChecker unreachable = new ImapCredentialChecker("127.0.0.1", closedPort, TIMEOUT, TIMEOUT);

        assertThatThrownBy(() -> unreachable.check("alice@corp.example", "alice-secret")).isInstanceOf(IOException.class);
    }
}
