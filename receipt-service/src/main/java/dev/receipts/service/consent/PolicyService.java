package dev.receipts.service.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.receipts.service.common.InvalidRequestException;
import dev.receipts.service.consent.ConsentViews.Choices;
import dev.receipts.service.consent.ConsentViews.Effective;
import dev.receipts.service.consent.ConsentViews.EffectivePolicy;
import dev.receipts.service.consent.ConsentViews.MyPolicyView;
import dev.receipts.service.consent.ConsentViews.OrganisationPolicyView;
import dev.receipts.service.consent.ConsentViews.Snapshot;
import dev.receipts.service.ingest.Event.Audience;
import dev.receipts.service.privacy.AuditLog;

/**
 * Receipt policies: each employee's choices, the organisation's rules, the effective choice per audience
 * (the organisation's NEVER wins; else the employee's choice; else ASK by default) and the snapshot the mailets
 * enforce.
 */
@ApplicationScoped
public class PolicyService {
    public static final String POLICY_CHANGED = "POLICY_CHANGED";
    public static final String ORGANISATION_POLICY_CHANGED = "ORGANISATION_POLICY_CHANGED";
    private static final int MAX_QUOTED = 80;

    @Inject
    EntityManager em;

    @Inject
    AuditLog auditLog;

    Clock clock = Clock.systemUTC();

    /** The caller's own choices, the organisation's rules and what applies. */
    @Transactional
    public MyPolicyView myPolicy(String employee) {
        return view(employee, em.find(ReceiptPolicy.class, employee), organisationPolicy());
    }

    /** Sets the caller's choices; a change is recorded in the audit log. */
    @Transactional
    public MyPolicyView update(String employee, ConsentViews.PolicyRequest request) {
        if (request == null) {
            throw new InvalidRequestException("Body must be {\"internal\":…,\"external\":…} with ALWAYS, NEVER or ASK");
        }
        PolicyChoice internal = parse(PolicyChoice.class, "internal", request.internal(), "ALWAYS, NEVER or ASK");
        PolicyChoice external = parse(PolicyChoice.class, "external", request.external(), "ALWAYS, NEVER or ASK");
        ReceiptPolicy policy = em.find(ReceiptPolicy.class, employee);
        Instant now = clock.instant();
        String before = policy == null ? "ASK/ASK (default)" : policy.internalChoice() + "/" + policy.externalChoice();
        if (policy == null) {
            policy = new ReceiptPolicy(employee, internal, external, now, employee);
            em.persist(policy);
        } else if (policy.internalChoice() != internal || policy.externalChoice() != external) {
            policy.change(internal, external, now, employee);
        } else {
            return view(employee, policy, organisationPolicy());
        }
        auditLog.record(employee, POLICY_CHANGED, employee, null,
            "internal/external " + before + " -> " + internal + "/" + external);
        return view(employee, policy, organisationPolicy());
    }

    @Transactional
    public OrganisationPolicyView organisation() {
        return organisationView(organisationPolicy());
    }

    /** Sets the organisation's rules (admin); recorded in the audit log. */
    @Transactional
    public OrganisationPolicyView updateOrganisation(String actor, ConsentViews.OrganisationPolicyRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                "Body must be {\"internal\":…,\"external\":…} with EMPLOYEE_CHOICE or NEVER");
        }
        OrganisationRule internal = parse(OrganisationRule.class, "internal", request.internal(), "EMPLOYEE_CHOICE or NEVER");
        OrganisationRule external = parse(OrganisationRule.class, "external", request.external(), "EMPLOYEE_CHOICE or NEVER");
        OrganisationPolicy policy = em.find(OrganisationPolicy.class, OrganisationPolicy.ID);
        Instant now = clock.instant();
        String before;
        if (policy == null) {
            before = "EMPLOYEE_CHOICE/EMPLOYEE_CHOICE (default)";
            policy = new OrganisationPolicy(internal, external, now, actor);
            em.persist(policy);
        } else {
            before = policy.internalRule() + "/" + policy.externalRule();
            policy.change(internal, external, now, actor);
        }
        auditLog.record(actor, ORGANISATION_POLICY_CHANGED, "organisation", null,
            "internal/external " + before + " -> " + internal + "/" + external);
        return organisationView(policy);
    }

    /** What applies now to an MDN of this employee to this audience. */
    @Transactional
    public Effective effective(String employee, Audience audience) {
        return effective(em.find(ReceiptPolicy.class, employee), organisationPolicy(), audience);
    }

    /** Every non-default policy, in a stable order, with a version that is a hash of that content. */
    @Transactional
    public Snapshot snapshot() {
        OrganisationPolicy organisation = organisationPolicy();
        Map<String, OrganisationRule> rules = new LinkedHashMap<>();
        rules.put("internal", organisation.internalRule());
        rules.put("external", organisation.externalRule());
        Map<String, Map<String, PolicyChoice>> employees = new TreeMap<>();
        List<ReceiptPolicy> policies = em.createQuery("from ReceiptPolicy p order by p.employee", ReceiptPolicy.class)
            .getResultList();
        for (ReceiptPolicy p : policies) {
            if (p.internalChoice() == PolicyChoice.ASK && p.externalChoice() == PolicyChoice.ASK) {
                continue;
            }
            Map<String, PolicyChoice> choices = new LinkedHashMap<>();
            choices.put("internal", p.internalChoice());
            choices.put("external", p.externalChoice());
            employees.merge(p.employee().toLowerCase(Locale.ROOT), choices, (a, b) -> a);
        }
        StringBuilder content = new StringBuilder("organisation=")
            .append(organisation.internalRule()).append('/').append(organisation.externalRule()).append('\n');
        employees.forEach((employee, choices) -> content.append(employee).append('=')
            .append(choices.get("internal")).append('/').append(choices.get("external")).append('\n'));
        return new Snapshot(version(content.toString()), clock.instant(), rules, employees);
    }

    private OrganisationPolicy organisationPolicy() {
        OrganisationPolicy policy = em.find(OrganisationPolicy.class, OrganisationPolicy.ID);
        return policy != null ? policy
            : new OrganisationPolicy(OrganisationRule.EMPLOYEE_CHOICE, OrganisationRule.EMPLOYEE_CHOICE, null, null);
    }

    private static MyPolicyView view(String employee, ReceiptPolicy own, OrganisationPolicy organisation) {
        Choices choices = own == null
            ? new Choices(PolicyChoice.ASK, PolicyChoice.ASK)
            : new Choices(own.internalChoice(), own.externalChoice());
        return new MyPolicyView(employee, choices, organisationView(organisation),
            new EffectivePolicy(effective(own, organisation, Audience.INTERNAL),
                effective(own, organisation, Audience.EXTERNAL)),
            own == null ? null : own.updatedAt());
    }

    static Effective effective(ReceiptPolicy own, OrganisationPolicy organisation, Audience audience) {
        OrganisationRule rule = audience == Audience.INTERNAL ? organisation.internalRule() : organisation.externalRule();
        PolicyChoice chosen = own == null ? null
            : audience == Audience.INTERNAL ? own.internalChoice() : own.externalChoice();
        if (rule == OrganisationRule.NEVER) {
            return new Effective(PolicyChoice.NEVER, PolicySource.ORGANISATION, chosen != PolicyChoice.NEVER);
        }
        if (chosen != null) {
            return new Effective(chosen, PolicySource.EMPLOYEE, false);
        }
        return new Effective(PolicyChoice.ASK, PolicySource.DEFAULT, false);
    }

    private static OrganisationPolicyView organisationView(OrganisationPolicy policy) {
        return new OrganisationPolicyView(policy.internalRule(), policy.externalRule(), policy.updatedAt(),
            policy.updatedBy());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, String expected) {
        if (value == null) {
            throw new InvalidRequestException("'" + field + "' is required: " + expected);
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            String quoted = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
            throw new InvalidRequestException("'" + field + "' must be " + expected + ", got [" + quoted + "]");
        }
    }

    private static String version(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
