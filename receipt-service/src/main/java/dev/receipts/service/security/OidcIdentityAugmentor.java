package dev.receipts.service.security;

import java.security.Principal;
import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.receipts.service.config.ReceiptsConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Makes an OIDC identity (code flow or bearer token) a user like the mail users: the name is the token's
 * {@code receipts.oidc.user-claim} (an address, lower-cased), the roles are {@code receipts.roles.*}; the
 * provider's own roles and groups are ignored. A token without that claim is refused.
 */
@ApplicationScoped
public class OidcIdentityAugmentor implements SecurityIdentityAugmentor {
    /** Identity attribute naming how the user signed in. */
    public static final String AUTHENTICATION = "receipts.authentication";
    public static final String OIDC = "oidc";

    @Inject
    ReceiptsConfig config;

    @Inject
    Roles roles;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        Principal principal = identity.getPrincipal();
        if (identity.isAnonymous() || !(principal instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object claim = token.getClaim(config.oidc().userClaim());
        if (!(claim instanceof String) && claim != null) {
            claim = claim.toString().replace("\"", "");
        }
        if (claim == null || ((String) claim).isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                "The token has no [" + config.oidc().userClaim() + "] claim"));
        }
        String user = Roles.canonical((String) claim);
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(user))
            .addRoles(new HashSet<>(roles.rolesOf(user)))
            .addCredentials(identity.getCredentials())
            .addAttributes(identity.getAttributes())
            .addAttribute(AUTHENTICATION, OIDC)
            .addPermissionChecker(identity::checkPermission);
        return Uni.createFrom().item(builder.build());
    }
}
