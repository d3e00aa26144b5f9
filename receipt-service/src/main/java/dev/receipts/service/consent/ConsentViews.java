package dev.receipts.service.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON of the consent API (see the module README). */
public final class ConsentViews {
    private ConsentViews() {
    }

    /** {@code PUT /api/v1/me/policy}: both audiences, ALWAYS, NEVER or ASK. */
    public record PolicyRequest(String internal, String external) {
    }

    /** {@code PUT /api/v1/admin/organisation-policy}: both audiences, EMPLOYEE_CHOICE or NEVER. */
    public record OrganisationPolicyRequest(String internal, String external) {
    }

    /** One employee's choices. */
    public record Choices(PolicyChoice internal, PolicyChoice external) {
    }

    /** The organisation's rules, when and by whom they were last set. */
    public record OrganisationPolicyView(OrganisationRule internal, OrganisationRule external, Instant updatedAt,
                                         String updatedBy) {
    }

    /**
     * The choice that applies to one audience and where it comes from; {@code organisationStricter} is true when
     * the organisation's NEVER overrides a choice (or the default) that would have let receipts through.
     */
    public record Effective(PolicyChoice choice, PolicySource source, boolean organisationStricter) {
    }

    public record EffectivePolicy(Effective internal, Effective external) {
    }

    /** {@code GET /api/v1/me/policy}. {@code own} is ASK/ASK and {@code updatedAt} null when never set. */
    public record MyPolicyView(String employee, Choices own, OrganisationPolicyView organisation,
                               EffectivePolicy effective, Instant updatedAt) {
    }

    /** {@code GET /api/v1/policies/snapshot}: what the mailets enforce. */
    public record Snapshot(String version, Instant generatedAt, Map<String, OrganisationRule> organisation,
                           Map<String, Map<String, PolicyChoice>> employees) {
    }

    /** The policy that decided a ledger row. */
    public record PolicyView(String source, String choice, String version) {
    }

    /** One ledger row as its employee sees it ("receipts about me"). */
    public record LedgerItem(Long id, Instant at, String kind, String counterpart, String audience,
                             String originalMessageId, String disposition, String decision, PolicyView policy,
                             String detail) {
    }

    /** One ledger row as compliance sees it: external counterparts as pseudonyms. */
    public record ComplianceLedgerItem(Long id, Instant at, Instant recordedAt, String kind, String employee,
                                       String counterpart, String audience, String originalMessageId,
                                       String disposition, String decision, PolicyView policy, String detail,
                                       String node) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page<T>(List<T> items, Integer page, Integer size) {
    }
}
