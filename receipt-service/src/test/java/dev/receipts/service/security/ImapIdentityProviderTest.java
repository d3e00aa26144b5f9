package dev.receipts.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.receipts.service.config.ReceiptsConfig;
import dev.receipts.service.support.FakeImapServer;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;

class ImapIdentityProviderTest {
    private static final AuthenticationRequestContext BLOCKING = new AuthenticationRequestContext() {
        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            return Uni.createFrom().item(function);
        }
    };

    private FakeImapServer imap;
    private ImapIdentityProvider testee;
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @BeforeEach
    void setUp() throws IOException {
        imap = new FakeImapServer(Map.of("alice@corp.example", "alice-secret", "carol@corp.example", "carol-secret"));
        ReceiptsConfig config = new StubConfig(imap.port());
        Roles roles = new Roles();
        roles.config = config;
        IdentityFactory identities = new IdentityFactory();
        identities.roles = roles;
        testee = new ImapIdentityProvider();
        testee.config = config;
        testee.identities = identities;
        testee.failedLogins = new FailedLogins(3, Duration.ofMinutes(15), Duration.ofMinutes(15));
        testee.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @AfterEach
    void tearDown() throws IOException {
        imap.close();
    }

    @Test
    void authenticateShouldGiveTheCanonicalUserAndConfiguredRolesWhenImapAcceptsTheLogin() {
        SecurityIdentity identity = authenticate("Carol@Corp.Example", "carol-secret");

        assertThat(identity.getPrincipal().getName()).isEqualTo("carol@corp.example");
        assertThat(identity.getRoles()).containsExactlyInAnyOrder("employee", "compliance");
    }

    @Test
    void authenticateShouldFailWhenImapRefusesTheLogin() {
        assertThatThrownBy(() -> authenticate("alice@corp.example", "wrong"))
            .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void authenticateShouldReuseASuccessfulCheckWithinTheCacheTtl() {
        authenticate("alice@corp.example", "alice-secret");
        now = now.plusSeconds(30);
        authenticate("alice@corp.example", "alice-secret");

        assertThat(imap.logins()).isEqualTo(1);
    }

    @Test
    void authenticateShouldCheckAgainAfterTheCacheTtl() {
        authenticate("alice@corp.example", "alice-secret");
        now = now.plusSeconds(61);
        authenticate("alice@corp.example", "alice-secret");

        assertThat(imap.logins()).isEqualTo(2);
    }

    @Test
    void authenticateShouldNotLetACachedSuccessServeAnotherPassword() {
        authenticate("alice@corp.example", "alice-secret");

        assertThatThrownBy(() -> authenticate("alice@corp.example", "guess"))
            .isInstanceOf(AuthenticationFailedException.class);
        assertThat(imap.logins()).isEqualTo(2);
    }

    @Test
    void aLockedOutNameShouldBeRefusedWithoutAskingImapEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authenticate("alice@corp.example", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
        }

        assertThatThrownBy(() -> authenticate("alice@corp.example", "alice-secret"))
            .isInstanceOf(AuthenticationFailedException.class)
            .satisfies(e -> assertThat(LoginLockedException.in(e)).isNotNull());
        assertThat(imap.logins()).isEqualTo(3);
        assertThat(authenticate("carol@corp.example", "carol-secret").getPrincipal().getName())
            .isEqualTo("carol@corp.example");
    }

    private SecurityIdentity authenticate(String user, String password) {
        return testee.authenticate(new UsernamePasswordAuthenticationRequest(user,
            new PasswordCredential(password.toCharArray())), BLOCKING).await().indefinitely();
    }

    private record StubConfig(int imapPort) implements ReceiptsConfig {
        @Override
        public Ingest ingest() {
            return new Ingest() {
                @Override
                public String token() {
                    return "unused";
                }

                @Override
                public boolean durableCommits() {
                    return true;
                }
            };
        }

        @Override
        public Identity identity() {
            return new Identity() {
                @Override
                public String imapHost() {
                    return "127.0.0.1";
                }

                @Override
                public int imapPort() {
                    return StubConfig.this.imapPort;
                }

                @Override
                public Duration cacheTtl() {
                    return Duration.ofSeconds(60);
                }

                @Override
                public Duration connectTimeout() {
                    return Duration.ofSeconds(5);
                }

                @Override
                public Duration readTimeout() {
                    return Duration.ofSeconds(5);
                }
            };
        }

        @Override
        public Roles roles() {
            return new Roles() {
                @Override
                public List<String> compliance() {
                    return List.of("carol@corp.example");
                }

                @Override
                public List<String> admin() {
                    return List.of("admin@corp.example");
                }
            };
        }

        @Override
        public Correlation correlation() {
            return new Correlation() {
                @Override
                public Duration sweepInterval() {
                    return Duration.ofSeconds(30);
                }

                @Override
                public int sweepBatchSize() {
                    return 500;
                }

                @Override
                public java.util.Optional<String> envelopeIdKey() {
                    return java.util.Optional.empty();
                }

                @Override
                public Duration reportDeadline() {
                    return Duration.ofDays(2);
                }

                @Override
                public Duration readReceiptDeadline() {
                    return Duration.ofDays(14);
                }

                @Override
                public Duration orphanAfter() {
                    return Duration.ofDays(1);
                }

                @Override
                public Duration silenceInterval() {
                    return Duration.ofHours(1);
                }
            };
        }

        // Not used by the identity provider.
        @Override
        public List<String> localDomains() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Privacy privacy() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Retention retention() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Security security() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Oidc oidc() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Live live() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Health health() {
            throw new UnsupportedOperationException();
        }
    }
}
