package dev.receipts.service.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Builds the identity of an authenticated user: canonical name and configured roles. */
@ApplicationScoped
public class IdentityFactory {
    @Inject
    Roles roles;

    public SecurityIdentity identityOf(String user) {
        String name = Roles.canonical(user);
        return QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(name))
            .addRoles(new java.util.HashSet<>(roles.rolesOf(name)))
            .build();
    }
}
