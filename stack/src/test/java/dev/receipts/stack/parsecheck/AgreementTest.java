package dev.receipts.stack.parsecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.receipts.stack.parsecheck.Agreement.Verdict;
import dev.receipts.stack.parsecheck.Expectation.ExtractedRecipient;
import dev.receipts.stack.parsecheck.Expectation.SisimaiRecipient;

class AgreementTest {
    private static final FoundRecipient ANN = new FoundRecipient("Ann@Example.org", "failed", "5.1.1", "smtp; 550 5.1.1 no such user");
    private static final FoundRecipient BEN = new FoundRecipient("ben@example.org", "delayed", "4.4.1", null);

    @Nested
    class Dsn {

        @Test
        void ofShouldAgreeWhenAddressesMatchWithoutTypeBracketsOrCase() {
            Agreement testee = Agreement.of(dsn(ANN, BEN), Samples.extracted(
                new ExtractedRecipient("RFC822; <ann@example.ORG>", "failed", "5.1.1"),
                new ExtractedRecipient("rfc822;ben@example.org", "delayed", "4.4.1 (timeout)")));

            assertThat(testee.verdict()).isEqualTo(Verdict.AGREES);
            assertThat(testee.sisimaiOnly()).isFalse();
        }

        @Test
        void ofShouldDifferWhenAStatusDiffers() {
            Agreement testee = Agreement.of(dsn(ANN), Samples.extracted(new ExtractedRecipient("rfc822; ann@example.org", "failed", "5.2.2")));

            assertThat(testee.verdict()).isEqualTo(Verdict.DIFFERS);
            assertThat(testee.detail()).isEqualTo("ann@example.org: status 5.1.1, expected 5.2.2");
        }

        @Test
        void ofShouldDifferWhenARecipientIsMissingOrUnexpected() {
            Agreement testee = Agreement.of(dsn(BEN), Samples.extracted(new ExtractedRecipient("rfc822; ann@example.org", "failed", "5.1.1")));

            assertThat(testee.verdict()).isEqualTo(Verdict.DIFFERS);
            assertThat(testee.detail()).isEqualTo("recipient ann@example.org not found; unexpected recipient ben@example.org");
        }

        @Test
        void ofShouldCompareWithSisimaiWhenNothingWasExtracted() {
            Agreement agrees = Agreement.of(dsn(ANN, BEN), Samples.sisimai("Sendmail",
                new SisimaiRecipient("5.1.1", "userunknown", true), new SisimaiRecipient("4.4.1", "expired", false)));
            Agreement differs = Agreement.of(dsn(ANN), Samples.sisimai("Sendmail",
                new SisimaiRecipient("5.1.1", "userunknown", true), new SisimaiRecipient("4.4.1", "expired", false)));

            assertThat(agrees.verdict()).isEqualTo(Verdict.AGREES);
            assertThat(agrees.sisimaiOnly()).isTrue();
            assertThat(agrees.sisimaiCompared()).isEqualTo(2);
            assertThat(agrees.sisimaiAgreed()).isEqualTo(2);
            assertThat(differs.verdict()).isEqualTo(Verdict.DIFFERS);
            assertThat(differs.detail()).isEqualTo("1 recipient(s), Sisimai 2");
        }

        @Test
        void ofShouldAgreeWithSisimaiWhenTheExtractedFieldsIncludeANestedReport() {
            Expectation expectation = new Expectation("Sendmail",
                List.of(new ExtractedRecipient("rfc822; ann@example.org", "failed", "5.1.1"),
                    new ExtractedRecipient("rfc822; inner@example.org", "failed", "5.0.0")),
                List.of(new SisimaiRecipient("5.1.1", "userunknown", true)));

            Agreement testee = Agreement.of(dsn(ANN), expectation);

            assertThat(testee.verdict()).isEqualTo(Verdict.AGREES);
            assertThat(testee.sisimaiOnly()).isTrue();
            assertThat(testee.detail()).contains("recipient inner@example.org not found");
        }

        @Test
        void ofShouldNotCompareSisimaisOwnStatusCodes() {
            Agreement testee = Agreement.of(dsn(ANN), Samples.sisimai("Postfix", new SisimaiRecipient("5.0.918", "rejected", true)));

            assertThat(testee.verdict()).isEqualTo(Verdict.AGREES);
            assertThat(testee.sisimaiCompared()).isZero();
        }

        @Test
        void ofShouldCountSisimaiStatusesThatDifferWithoutChangingTheVerdictOnExtractedFields() {
            Expectation expectation = new Expectation("Exim", List.of(new ExtractedRecipient("rfc822; ann@example.org", "failed", "5.1.1")),
                List.of(new SisimaiRecipient("5.7.1", "spamdetected", true)));

            Agreement testee = Agreement.of(dsn(ANN), expectation);

            assertThat(testee.verdict()).isEqualTo(Verdict.AGREES);
            assertThat(testee.sisimaiCompared()).isEqualTo(1);
            assertThat(testee.sisimaiAgreed()).isZero();
            assertThat(testee.detail()).isEqualTo("recipient 1: status 5.1.1, Sisimai 5.7.1");
        }

        @Test
        void ofShouldLeaveADsnWithoutExpectationUnchecked() {
            assertThat(Agreement.of(dsn(ANN), null).verdict()).isEqualTo(Verdict.UNCHECKED);
        }
    }

    @Nested
    class NotADsn {

        @Test
        void ofShouldCallABounceSisimaiReadsInProseNonStandardAndNeverAgree() {
            Agreement testee = Agreement.of(notAReport(), Samples.sisimai("qmail", new SisimaiRecipient("5.1.1", "userunknown", true)));

            assertThat(testee.verdict()).isEqualTo(Verdict.NON_STANDARD_BOUNCE);
            assertThat(testee.detail()).isEqualTo("Sisimai (qmail): 1 recipient(s): userunknown 5.1.1");
        }

        @Test
        void ofShouldNotCallFeedbackOrAutoRepliesBounces() {
            Agreement feedback = Agreement.of(notAReport(), Samples.sisimai("ARF", new SisimaiRecipient("", "feedback", false)));
            Agreement vacation = Agreement.of(notAReport(), Samples.sisimai("RFC3834", new SisimaiRecipient("", "vacation", false)));

            assertThat(List.of(feedback.verdict(), vacation.verdict())).containsOnly(Verdict.NOT_A_BOUNCE);
        }

        @Test
        void ofShouldLeaveAMessageSisimaiHasNoOpinionOnUnchecked() {
            Agreement withoutExpectation = Agreement.of(notAReport(), null);
            Agreement withoutSisimai = Agreement.of(notAReport(), Samples.extracted());

            assertThat(List.of(withoutExpectation.verdict(), withoutSisimai.verdict())).containsOnly(Verdict.UNCHECKED);
        }
    }

    private static CheckedMessage dsn(FoundRecipient... recipients) {
        return new CheckedMessage("lhost-example-01.eml", "lhost-example", Classification.DSN, "delivery-status", List.of(recipients), List.of());
    }

    private static CheckedMessage notAReport() {
        return new CheckedMessage("lhost-qmail-01.eml", "lhost-qmail", Classification.NOT_A_REPORT, null, List.of(), List.of());
    }
}
