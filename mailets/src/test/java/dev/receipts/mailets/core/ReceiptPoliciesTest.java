package dev.receipts.mailets.core;

import static dev.receipts.mailets.core.FakePolicyService.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptPoliciesTest {
    private static final String EMPLOYEES = "{\"bob@corp.example\":{\"internal\":\"ALWAYS\",\"external\":\"NEVER\"},"
        + "\"Carol@Corp.Example\":{\"internal\":\"NEVER\",\"external\":\"ALWAYS\"},"
        + "\"dave@corp.example\":{\"internal\":\"ASK\"}}";

    private static PolicyDecision decide(String organisationInternal, String organisationExternal, String author, Audience audience) {
        return ReceiptPolicies.parse(snapshot("v1", organisationInternal, organisationExternal, EMPLOYEES)).decide(author, audience);
    }

    @ParameterizedTest(name = "org {0}/{1}, {2} to {3} -> {4} {5}")
    @CsvSource({
        "EMPLOYEE_CHOICE, EMPLOYEE_CHOICE, bob@corp.example,   INTERNAL, EMPLOYEE,     ALWAYS",
        "EMPLOYEE_CHOICE, EMPLOYEE_CHOICE, bob@corp.example,   EXTERNAL, EMPLOYEE,     NEVER",
        "EMPLOYEE_CHOICE, EMPLOYEE_CHOICE, carol@corp.example, INTERNAL, EMPLOYEE,     NEVER",
        "EMPLOYEE_CHOICE, EMPLOYEE_CHOICE, carol@corp.example, EXTERNAL, EMPLOYEE,     ALWAYS",
        "EMPLOYEE_CHOICE, NEVER,           carol@corp.example, EXTERNAL, ORGANISATION, NEVER",
        "EMPLOYEE_CHOICE, NEVER,           carol@corp.example, INTERNAL, EMPLOYEE,     NEVER",
        "NEVER,           EMPLOYEE_CHOICE, bob@corp.example,   INTERNAL, ORGANISATION, NEVER",
        "NEVER,           EMPLOYEE_CHOICE, bob@corp.example,   EXTERNAL, EMPLOYEE,     NEVER",
        "EMPLOYEE_CHOICE, EMPLOYEE_CHOICE, dave@corp.example,  INTERNAL, EMPLOYEE,     ASK",
        "EMPLOYEE_CHOICE, EMPLOYEE_CHOICE, dave@corp.example,  EXTERNAL, EMPLOYEE,     ASK",
        "EMPLOYEE_CHOICE, EMPLOYEE_CHOICE, erin@corp.example,  EXTERNAL, DEFAULT,      ASK",
        "EMPLOYEE_CHOICE, NEVER,           erin@corp.example,  EXTERNAL, ORGANISATION, NEVER",
    })
    void decideShouldLetTheOrganisationsNeverWinElseTheEmployeesChoiceElseAsk(String organisationInternal, String organisationExternal,
                                                                             String author, Audience audience,
                                                                             PolicyDecision.Source source, ReceiptChoice choice) {
        assertThat(decide(organisationInternal, organisationExternal, author, audience))
            .isEqualTo(new PolicyDecision(source, choice, "v1"));
    }

    @Test
    void decideShouldMatchTheAuthorWhateverItsCase() {
        assertThat(decide("EMPLOYEE_CHOICE", "EMPLOYEE_CHOICE", "BOB@Corp.Example", Audience.EXTERNAL).choice())
            .isEqualTo(ReceiptChoice.NEVER);
    }

    @Test
    void decideShouldGiveAnUnknownAuthorTheDefault() {
        assertThat(decide("EMPLOYEE_CHOICE", "EMPLOYEE_CHOICE", null, Audience.EXTERNAL))
            .isEqualTo(new PolicyDecision(PolicyDecision.Source.DEFAULT, ReceiptChoice.ASK, "v1"));
    }

    @Test
    void defaultsShouldAskWithoutVersion() {
        assertThat(ReceiptPolicies.DEFAULTS.decide("bob@corp.example", Audience.EXTERNAL))
            .isEqualTo(new PolicyDecision(PolicyDecision.Source.DEFAULT, ReceiptChoice.ASK, null));
        assertThat(ReceiptPolicies.DEFAULTS.version()).isNull();
    }

    @Test
    void outcomeShouldStopNeverSendAlwaysAndLeaveAskToTheClient() {
        assertThat(new PolicyDecision(PolicyDecision.Source.EMPLOYEE, ReceiptChoice.NEVER, "v").outcome())
            .isEqualTo(PolicyDecision.Outcome.STOPPED);
        assertThat(new PolicyDecision(PolicyDecision.Source.EMPLOYEE, ReceiptChoice.ALWAYS, "v").outcome())
            .isEqualTo(PolicyDecision.Outcome.SENT);
        assertThat(new PolicyDecision(PolicyDecision.Source.DEFAULT, ReceiptChoice.ASK, "v").outcome())
            .isEqualTo(PolicyDecision.Outcome.LEFT_TO_CLIENT);
    }

    @Test
    void parseShouldAcceptASnapshotWithoutEmployees() {
        ReceiptPolicies testee = ReceiptPolicies.parse("{\"version\":\"v2\",\"organisation\":{\"internal\":\"EMPLOYEE_CHOICE\",\"external\":\"NEVER\"}}");

        assertThat(testee.version()).isEqualTo("v2");
        assertThat(testee.employeeCount()).isZero();
    }

    @Test
    void parseShouldRejectTextThatIsNotJson() {
        assertThatThrownBy(() -> ReceiptPolicies.parse("{\"version\":"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("policy snapshot is not JSON");
    }

    @Test
    void parseShouldRejectASnapshotWithoutVersion() {
        assertThatThrownBy(() -> ReceiptPolicies.parse("{\"organisation\":{}}"))
            .hasMessage("policy snapshot must have a non-blank string 'version', got [null]");
    }

    @Test
    void parseShouldRejectAnUnknownOrganisationRule() {
        assertThatThrownBy(() -> ReceiptPolicies.parse(snapshot("v1", "ALWAYS", "NEVER", "{}")))
            .hasMessage("policy snapshot: organisation 'internal' must be EMPLOYEE_CHOICE or NEVER, got [ALWAYS]");
    }

    @Test
    void parseShouldRejectAnUnknownEmployeeChoice() {
        assertThatThrownBy(() -> ReceiptPolicies.parse(snapshot("v1", "NEVER", "NEVER",
            "{\"bob@corp.example\":{\"internal\":\"SOMETIMES\"}}")))
            .hasMessage("policy snapshot: 'internal' of [bob@corp.example] must be ALWAYS, NEVER or ASK, got [SOMETIMES]");
    }

    @Test
    void audienceShouldBeInternalOnlyWhenEveryDomainIsLocal() {
        assertThat(Audience.of(List.of("corp.example", "CORP.example"), "corp.example"::equals)).isEqualTo(Audience.INTERNAL);
        assertThat(Audience.of(List.of("corp.example", "partner.example"), "corp.example"::equals)).isEqualTo(Audience.EXTERNAL);
        assertThat(Audience.of(List.of(), "corp.example"::equals)).isEqualTo(Audience.EXTERNAL);
        assertThat(Audience.of(java.util.Collections.singletonList(null), "corp.example"::equals)).isEqualTo(Audience.EXTERNAL);
    }
}
