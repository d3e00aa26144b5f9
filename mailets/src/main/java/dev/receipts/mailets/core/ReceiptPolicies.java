package dev.receipts.mailets.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A snapshot of every receipt policy (docs/consent.md, "Policy snapshot"): the organisation's rule
 * per audience and the employees' choices, with the version the service gave it. Immutable;
 * {@link #DEFAULTS} stands for "no snapshot was ever loaded".
 */
public final class ReceiptPolicies {
    /** The organisation's rule for one audience. */
    public enum OrganisationRule {
        /** The employee's choice applies. */
        EMPLOYEE_CHOICE,
        /** No read receipt goes to that audience, whatever the employee chose. */
        NEVER
    }

    /** One employee's choices, one per audience. */
    public static final class Choices {
        private final ReceiptChoice internal;
        private final ReceiptChoice external;

        public Choices(ReceiptChoice internal, ReceiptChoice external) {
            this.internal = Objects.requireNonNull(internal, "internal");
            this.external = Objects.requireNonNull(external, "external");
        }

        public ReceiptChoice forAudience(Audience audience) {
            return audience == Audience.INTERNAL ? internal : external;
        }
    }

    /** Organisation {@code EMPLOYEE_CHOICE} for both audiences, no employee listed, no version. */
    public static final ReceiptPolicies DEFAULTS = new ReceiptPolicies(null, null,
        OrganisationRule.EMPLOYEE_CHOICE, OrganisationRule.EMPLOYEE_CHOICE, Map.of());

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String version;
    private final String generatedAt;
    private final OrganisationRule organisationInternal;
    private final OrganisationRule organisationExternal;
    private final Map<String, Choices> employees;

    private ReceiptPolicies(String version, String generatedAt, OrganisationRule organisationInternal,
                            OrganisationRule organisationExternal, Map<String, Choices> employees) {
        this.version = version;
        this.generatedAt = generatedAt;
        this.organisationInternal = organisationInternal;
        this.organisationExternal = organisationExternal;
        this.employees = Map.copyOf(employees);
    }

    /**
     * Reads a snapshot as the service sends it. Employee addresses are lower-cased; an employee
     * missing an audience has {@code ASK} for it; a missing {@code employees} object means none.
     *
     * @throws IllegalArgumentException naming what is wrong, quoting the bad value, when the text is
     *                                  not JSON, has no {@code version}, or holds an unknown rule or choice
     */
    public static ReceiptPolicies parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy snapshot is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("policy snapshot must be a JSON object, got [" + abbreviate(json) + "]");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new IllegalArgumentException("policy snapshot must have a non-blank string 'version', got [" + version + "]");
        }
        JsonNode generatedAt = root.get("generatedAt");
        JsonNode organisation = root.get("organisation");
        if (organisation == null || !organisation.isObject()) {
            throw new IllegalArgumentException("policy snapshot must have an 'organisation' object, got [" + organisation + "]");
        }
        OrganisationRule internal = organisationRule(organisation, "internal");
        OrganisationRule external = organisationRule(organisation, "external");
        Map<String, Choices> employees = new LinkedHashMap<>();
        JsonNode employeesNode = root.get("employees");
        if (employeesNode != null && !employeesNode.isNull()) {
            if (!employeesNode.isObject()) {
                throw new IllegalArgumentException("policy snapshot 'employees' must be an object, got [" + employeesNode + "]");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = employeesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String address = field.getKey().trim().toLowerCase(Locale.ROOT);
                if (!field.getValue().isObject()) {
                    throw new IllegalArgumentException("policy snapshot: the policy of [" + field.getKey()
                        + "] must be an object, got [" + field.getValue() + "]");
                }
                employees.put(address, new Choices(
                    choice(field.getKey(), field.getValue(), "internal"),
                    choice(field.getKey(), field.getValue(), "external")));
            }
        }
        return new ReceiptPolicies(version.asText(), generatedAt == null || generatedAt.isNull() ? null : generatedAt.asText(),
            internal, external, employees);
    }

    private static OrganisationRule organisationRule(JsonNode organisation, String audience) {
        JsonNode value = organisation.get(audience);
        if (value == null || value.isNull()) {
            return OrganisationRule.EMPLOYEE_CHOICE;
        }
        try {
            return OrganisationRule.valueOf(value.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy snapshot: organisation '" + audience
                + "' must be EMPLOYEE_CHOICE or NEVER, got [" + value.asText() + "]");
        }
    }

    private static ReceiptChoice choice(String employee, JsonNode policy, String audience) {
        JsonNode value = policy.get(audience);
        if (value == null || value.isNull()) {
            return ReceiptChoice.ASK;
        }
        try {
            return ReceiptChoice.valueOf(value.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy snapshot: '" + audience + "' of [" + employee
                + "] must be ALWAYS, NEVER or ASK, got [" + value.asText() + "]");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /**
     * The effective choice for an MDN sent by {@code author} to {@code audience}: {@code NEVER} from
     * the organisation when its rule for the audience is {@code NEVER}, else the employee's choice,
     * else {@code ASK} by default. A null author (unknown) gets the default.
     */
    public PolicyDecision decide(String author, Audience audience) {
        OrganisationRule rule = audience == Audience.INTERNAL ? organisationInternal : organisationExternal;
        if (rule == OrganisationRule.NEVER) {
            return new PolicyDecision(PolicyDecision.Source.ORGANISATION, ReceiptChoice.NEVER, version);
        }
        Choices choices = author == null ? null : employees.get(author.trim().toLowerCase(Locale.ROOT));
        if (choices == null) {
            return new PolicyDecision(PolicyDecision.Source.DEFAULT, ReceiptChoice.ASK, version);
        }
        return new PolicyDecision(PolicyDecision.Source.EMPLOYEE, choices.forAudience(audience), version);
    }

    /** The service's version of this snapshot; null for {@link #DEFAULTS}. */
    public String version() {
        return version;
    }

    /** When the service made it, as it said; may be null. */
    public String generatedAt() {
        return generatedAt;
    }

    /** How many employees have a policy of their own. */
    public int employeeCount() {
        return employees.size();
    }
}
