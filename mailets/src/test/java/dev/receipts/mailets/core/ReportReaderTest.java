package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReportReaderTest {

    private static Report read(String sample, boolean nullSender) throws Exception {
        return ReportReader.read(Samples.message(sample), nullSender).orElseThrow();
    }

    private static Optional<Report> read(String text) throws Exception {
        MimeMessage message = Samples.parse(text.getBytes(StandardCharsets.UTF_8));
        return ReportReader.read(message, ReportReader.hasNullReturnPath(message));
    }

    @Nested
    class NonStandardBounces {
        @Test
        void readShouldTakeEveryRecipientOfAQmailFailureNoticeWithItsReason() throws Exception {
            Report testee = read("qmail-failure-notice.eml", true);

            assertThat(testee.reportType()).isEqualTo(Report.NON_STANDARD_BOUNCE);
            assertThat(testee.heuristic()).isTrue();
            assertThat(testee.problems()).first().asString().contains("heuristic");
            DeliveryStatus dsn = testee.deliveryStatus();
            assertThat(dsn.returnedMessageId()).isEqualTo("<q-4702@sender.example>");
            assertThat(dsn.recipients()).hasSize(2);
            RecipientStatus erik = dsn.recipients().get(0);
            assertThat(erik.finalRecipient()).isEqualTo(new TypedAddress("rfc822", "erik@partner.example"));
            assertThat(erik.action()).isEqualTo("failed");
            assertThat(erik.status()).isEqualTo("5.1.1");
            assertThat(erik.reason()).isEqualTo(BounceReason.USERUNKNOWN);
            assertThat(erik.statusText()).isEqualTo("permanent failure: the mailbox does not exist");
            assertThat(erik.diagnosticCode()).startsWith("198.51.100.7 does not like recipient. Remote host said: 550 5.1.1")
                .doesNotContain("fay@full.example");
            RecipientStatus fay = dsn.recipients().get(1);
            assertThat(fay.finalRecipient().address()).isEqualTo("fay@full.example");
            assertThat(fay.status()).isEqualTo("5.2.2");
            assertThat(fay.reason()).isEqualTo(BounceReason.MAILBOXFULL);
        }

        @Test
        void readShouldTakeTheRecipientOfXFailedRecipientsEvenWithAutoSubmitted() throws Exception {
            Report testee = read("exim-x-failed-recipients.eml", true);

            assertThat(testee.reportType()).isEqualTo(Report.NON_STANDARD_BOUNCE);
            assertThat(testee.deliveryStatus().recipients()).singleElement().satisfies(recipient -> {
                assertThat(recipient.finalRecipient().address()).isEqualTo("hana@gone.example");
                assertThat(recipient.status()).isEqualTo("5.7.1");
                assertThat(recipient.reason()).isEqualTo(BounceReason.BLOCKED);
                assertThat(recipient.diagnosticCode()).contains("blocked using zen.spamhaus.org");
            });
            assertThat(testee.deliveryStatus().returnedMessageId()).isEqualTo("<exim-copy-1@sender.example>");
        }

        @Test
        void readShouldDecodeAQuotedPrintableExchangeNotice() throws Exception {
            Report testee = read("exchange-ndr-plain.eml", true);

            assertThat(testee.deliveryStatus().recipients()).singleElement().satisfies(recipient -> {
                assertThat(recipient.finalRecipient().address()).isEqualTo("jan@closed.example");
                assertThat(recipient.status()).isEqualTo("5.2.1");
                assertThat(recipient.reason()).isEqualTo(BounceReason.SUSPEND);
            });
        }

        @Test
        void readShouldPreferDeliveryStatusFieldsFoundInsideMultipartMixed() throws Exception {
            Report testee = read("amazon-like-mixed-delivery-status.eml", true);

            assertThat(testee.reportType()).isEqualTo(Report.NON_STANDARD_BOUNCE);
            assertThat(testee.heuristic()).isTrue();
            assertThat(testee.deliveryStatus().returnedMessageId()).isEqualTo("<mixed-1@sender.example>");
            assertThat(testee.deliveryStatus().recipients()).singleElement().satisfies(recipient -> {
                assertThat(recipient.finalRecipient().address()).isEqualTo("lea@partner.example");
                assertThat(recipient.status()).isEqualTo("5.3.4");
                assertThat(recipient.reason()).isEqualTo(BounceReason.MESGTOOBIG);
            });
        }

        @Test
        void readShouldTakeALegacySendmailTranscriptLine() throws Exception {
            Optional<Report> testee = read("From: Mail Delivery Subsystem <MAILER-DAEMON@old.sender.example>\n"
                + "To: rob@sender.example\nSubject: Returned mail: User unknown\n\n"
                + "   ----- Transcript of session follows -----\n"
                + ">>> RCPT To:<sam@partner.example>\n<<< 550 <sam@partner.example>... User unknown\n"
                + "550 <sam@partner.example>... User unknown\n\n   ----- Unsent message follows -----\n"
                + "Received: by old.sender.example\nTo: sam@partner.example\nFrom: rob@sender.example\n\nhello\n");

            assertThat(testee).hasValueSatisfying(report -> assertThat(report.deliveryStatus().recipients()).singleElement()
                .satisfies(recipient -> {
                    assertThat(recipient.finalRecipient().address()).isEqualTo("sam@partner.example");
                    assertThat(recipient.reason()).isEqualTo(BounceReason.USERUNKNOWN);
                }));
        }

        @Test
        void readShouldTakeAPostfixStyleLineWithCrOnlyLineEndings() throws Exception {
            Optional<Report> testee = read("Return-Path: <>\rFrom: MAILER-DAEMON@mx.sender.example (Mail Delivery System)\r"
                + "To: tom@sender.example\rSubject: Undelivered Mail Returned to Sender\r\r"
                + "I'm sorry to have to inform you that your message could not\rbe delivered to one or more recipients.\r\r"
                + "<uma@nowhere.example>: Host or domain name not found. Name service error for\r"
                + "    name=nowhere.example type=AAAA: Host not found\r");

            assertThat(testee).hasValueSatisfying(report -> assertThat(report.deliveryStatus().recipients()).singleElement()
                .satisfies(recipient -> {
                    assertThat(recipient.finalRecipient().address()).isEqualTo("uma@nowhere.example");
                    assertThat(recipient.reason()).isEqualTo(BounceReason.HOSTUNKNOWN);
                    assertThat(recipient.status()).isNull();
                }));
        }

        @Test
        void readShouldSayDelayedForAWarning() throws Exception {
            Optional<Report> testee = read("From: Mail Delivery System <Mailer-Daemon@mx.sender.example>\n"
                + "To: vera@sender.example\nSubject: Warning: message 1tQ-00 delayed 24 hours\n\n"
                + "This message was created automatically by mail delivery software.\n"
                + "A message that you sent has not yet been delivered to one or more of its\n"
                + "recipients after more than 24 hours on the queue on mx.sender.example.\n\n"
                + "  walt@slow.example\n    Delay reason: SMTP error from remote mail server after RCPT TO:<walt@slow.example>:\n"
                + "    451 4.3.0 Temporary local problem, please try again later\n");

            assertThat(testee).hasValueSatisfying(report -> assertThat(report.deliveryStatus().recipients()).singleElement()
                .satisfies(recipient -> {
                    assertThat(recipient.action()).isEqualTo("delayed");
                    assertThat(recipient.status()).isEqualTo("4.3.0");
                    assertThat(recipient.reason()).isEqualTo(BounceReason.SYSTEMERROR);
                }));
        }

        @Test
        void readShouldNotTakeOrdinaryMailThatTalksAboutABounce() throws Exception {
            assertThat(read("From: Xavier <xavier@partner.example>\nTo: yara@sender.example\n"
                + "Subject: Re: Undeliverable: offer\n\nyara@sender.example: your mail to me bounced, resend?\n")).isEmpty();
        }

        @Test
        void readShouldNotTakeABounceWithoutAnyRecipient() throws Exception {
            assertThat(read("Return-Path: <>\nFrom: MAILER-DAEMON@mx.sender.example\nSubject: failure notice\n\n"
                + "Something went wrong, sorry.\n")).isEmpty();
        }

        @Test
        void readShouldNeverTakeTheBouncesOwnAddresses() throws Exception {
            Optional<Report> testee = read("Return-Path: <>\nFrom: postmaster@mx.sender.example\nTo: zoe@sender.example\n"
                + "Subject: Delivery failure\n\nzoe@sender.example:\nyour message could not be delivered to\n"
                + "<abe@partner.example>: 550 5.1.1 unknown user\n");

            assertThat(testee).hasValueSatisfying(report -> assertThat(report.deliveryStatus().recipients())
                .extracting(recipient -> recipient.finalRecipient().address()).containsExactly("abe@partner.example"));
        }
    }

    @Nested
    class NotDeliveryFacts {
        @Test
        void readShouldRecogniseAnAutoReplyAndGiveNoDeliveryFacts() throws Exception {
            Report testee = read("vacation-auto-reply.eml", true);

            assertThat(testee.reportType()).isEqualTo(Report.AUTO_REPLY);
            assertThat(testee.deliveryStatus()).isNull();
            assertThat(testee.dispositionNotification()).isNull();
            assertThat(testee.heuristic()).isFalse();
        }

        @Test
        void readShouldRecogniseAutoRepliesByTheirOtherHeaders() throws Exception {
            assertThat(read("From: a@partner.example\nSubject: hello\nX-Autoreply: yes\n\nAway.\n"))
                .hasValueSatisfying(report -> assertThat(report.reportType()).isEqualTo(Report.AUTO_REPLY));
            assertThat(read("From: a@partner.example\nSubject: hello\nPrecedence: auto_reply\n\nAway.\n"))
                .hasValueSatisfying(report -> assertThat(report.reportType()).isEqualTo(Report.AUTO_REPLY));
            assertThat(read("From: a@partner.example\nSubject: Out of Office: hello\n\nAway.\n"))
                .hasValueSatisfying(report -> assertThat(report.reportType()).isEqualTo(Report.AUTO_REPLY));
        }

        @Test
        void readShouldRecogniseAFeedbackReportAndKeepItsMachineReadablePart() throws Exception {
            Report testee = read("feedback-report.eml", false);

            assertThat(testee.reportType()).isEqualTo(Report.FEEDBACK_REPORT);
            assertThat(testee.machineReadable()).contains("Feedback-Type: abuse");
            assertThat(testee.deliveryStatus()).isNull();
            assertThat(testee.dispositionNotification()).isNull();
        }

        @Test
        void readShouldLeaveOrdinaryMailAlone() throws Exception {
            assertThat(read("From: a@partner.example\nTo: b@sender.example\nSubject: lunch?\n\nNoon at the usual place.\n")).isEmpty();
        }
    }

    @Nested
    class StandardReports {
        @Test
        void readShouldParseADsnFromItsMachineReadablePartNotHeuristically() throws Exception {
            Report testee = read("postfix-failed-two-recipients.eml", true);

            assertThat(testee.reportType()).isEqualTo(Report.DELIVERY_STATUS);
            assertThat(testee.heuristic()).isFalse();
            assertThat(testee.deliveryStatus().recipients().get(0).reason()).isEqualTo(BounceReason.USERUNKNOWN);
        }
    }

    @Nested
    class BrokenInput {
        @Test
        void readShouldNeverThrowOnRandomBytes() throws Exception {
            Random random = new Random(42);
            for (int i = 0; i < 50; i++) {
                byte[] junk = new byte[2000 + random.nextInt(4000)];
                random.nextBytes(junk);
                byte[] bounce = concat("From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n<a@b.example>:\n", junk);
                assertThatCode(() -> ReportReader.read(Samples.parse(bounce), true)).doesNotThrowAnyException();
            }
        }

        @Test
        void readShouldSurviveEightBitJunkBadCharsetAndBadBase64() throws Exception {
            byte[] message = concat("From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"z\"\n\n--z\n"
                + "Content-Type: text/plain; charset=no-such-charset\n\n<caro@partner.example>: 550 unknown user \u00e9\n--z\n"
                + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n%%%not base64%%%\n--z\n"
                + "Content-Type: message/delivery-status\nContent-Transfer-Encoding: x-unknown\n\n", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

            Optional<Report> testee = ReportReader.read(Samples.parse(message), true);

            assertThat(testee).hasValueSatisfying(report -> assertThat(report.deliveryStatus().recipients())
                .extracting(recipient -> recipient.finalRecipient().address()).containsExactly("caro@partner.example"));
        }

        @Test
        void readShouldStopAtTheCapsOfAHugeBounce() throws Exception {
            StringBuilder text = new StringBuilder("Return-Path: <>\nFrom: MAILER-DAEMON@x.example\nSubject: failure notice\n\n");
            for (int i = 0; i < 20_000; i++) {
                text.append("<user").append(i).append("@partner.example>:\nSorry, no mailbox here by that name.\n\n");
            }

            Optional<Report> testee = read(text.toString());

            assertThat(testee).hasValueSatisfying(report -> assertThat(report.deliveryStatus().recipients()).hasSize(100));
        }

        @Test
        void readShouldNotLoopOnDeeplyNestedMultiparts() throws Exception {
            StringBuilder text = new StringBuilder("From: MAILER-DAEMON@x.example\nSubject: failure notice\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
            for (int i = 0; i < 40; i++) {
                text.append("--b").append(i).append("\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\n\n");
            }
            text.append("--b40\nContent-Type: text/plain\n\n<deep@partner.example>: 550 5.1.1 user unknown\n");

            assertThatCode(() -> read(text.toString())).doesNotThrowAnyException();
        }
    }

    private static byte[] concat(String head, byte[] tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + tail.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(tail, 0, all, start.length, tail.length);
        return all;
    }
}
