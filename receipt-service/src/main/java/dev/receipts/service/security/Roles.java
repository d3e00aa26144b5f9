package dev.receipts.service.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.receipts.service.config.ReceiptsConfig;
import io.quarkus.security.identity.SecurityIdentity;

/** Who gets which role: every authenticated user is an employee; configured addresses are also compliance or admin. */
@ApplicationScoped
public class Roles {
    public static final String EMPLOYEE = "employee";
    public static final String COMPLIANCE = "compliance";
    public static final String ADMIN = "admin";

    @Inject
    ReceiptsConfig config;

    /** The roles of a user, {@code employee} first. */
    public List<String> rolesOf(String user) {
        List<String> roles = new ArrayList<>(List.of(EMPLOYEE));
        if (contains(config.roles().compliance(), user)) {
            roles.add(COMPLIANCE);
        }
        if (contains(config.roles().admin(), user)) {
            roles.add(ADMIN);
        }
        return roles;
    }

    /** The canonical user name: the address, lower-cased. */
    public static String canonical(String user) {
        return user.trim().toLowerCase(Locale.ROOT);
    }

    public static String userOf(SecurityIdentity identity) {
        return canonical(identity.getPrincipal().getName());
    }

    private static boolean contains(List<String> addresses, String user) {
        return addresses.stream().anyMatch(a -> a.trim().equalsIgnoreCase(user));
    }
}
