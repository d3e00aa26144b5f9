package dev.receipts.service.message;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.receipts.service.correlation.DeliveryState;
import dev.receipts.service.correlation.DispositionMatch;
import dev.receipts.service.correlation.Dispositions;
import dev.receipts.service.correlation.Verification;

/** One envelope recipient of a sent message: what was requested, and the current delivery and read status. */
@Entity
@Table(name = "message_recipient")
public class MessageRecipient {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "message_id")
    private Long messageId;

    private int position;

    private String address;

    @Column(name = "address_norm")
    private String addressNorm;

    private String orcpt;

    @Column(name = "orcpt_norm")
    private String orcptNorm;

    @Column(name = "requested_mdn")
    private boolean requestedMdn;

    @Column(name = "requested_notify")
    private String requestedNotify;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_state")
    private DeliveryState deliveryState;

    @Column(name = "delivery_status")
    private String deliveryStatus;

    @Column(name = "delivery_diagnostic")
    private String deliveryDiagnostic;

    @Column(name = "delivery_at")
    private Instant deliveryAt;

    @Column(name = "disposition_state")
    private String dispositionState;

    @Column(name = "disposition_at")
    private Instant dispositionAt;

    @Enumerated(EnumType.STRING)
    private Verification verification;

    /** The recipient's domain, lower case (for the per-domain statistics). */
    private String domain;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_verification")
    private Verification deliveryVerification;

    /** Whether the current delivery state was read by heuristics from a non-standard bounce. */
    @Column(name = "delivery_heuristic")
    private boolean deliveryHeuristic;

    /** How the current read receipt was matched to the message: {@link DispositionMatch}, null when none. */
    @Column(name = "disposition_match")
    private String dispositionMatch;

    @Column(name = "forged_reports")
    private int forgedReports;

    @Column(name = "relay_dsn_offered")
    private Boolean relayDsnOffered;

    @Column(name = "delivery_silence")
    private String deliverySilence;

    @Column(name = "delivery_silence_at")
    private Instant deliverySilenceAt;

    @Column(name = "read_silence")
    private String readSilence;

    @Column(name = "read_silence_at")
    private Instant readSilenceAt;

    protected MessageRecipient() {
    }

    public MessageRecipient(Long messageId, int position, String address, String addressNorm, String orcpt,
                            String orcptNorm, boolean requestedMdn, List<String> requestedNotify, Instant acceptedAt) {
        this.messageId = messageId;
        this.position = position;
        this.address = address;
        this.addressNorm = addressNorm;
        this.orcpt = orcpt;
        this.orcptNorm = orcptNorm;
        this.requestedMdn = requestedMdn;
        this.requestedNotify = String.join(",", requestedNotify);
        this.deliveryState = DeliveryState.ACCEPTED;
        this.deliveryAt = acceptedAt;
        this.dispositionState = Dispositions.NONE;
        this.verification = Verification.NONE;
        this.deliveryVerification = Verification.NONE;
        int at = addressNorm == null ? -1 : addressNorm.lastIndexOf('@');
        this.domain = at < 0 ? null : truncate(addressNorm.substring(at + 1), 255);
    }

    /**
     * Records a delivery fact; it becomes the current state only if it ranks at least as high as the current one.
     *
     * @return whether the current state changed
     */
    public boolean applyDelivery(DeliveryState state, String status, String diagnostic, Instant at) {
        return applyDelivery(state, status, diagnostic, at, false, Verification.SERVER);
    }

    /**
     * Records a delivery fact with how it is known. A heuristic fact (a non-standard bounce) never replaces a
     * standard one of the same rank. Any fact ends the recipient's delivery silence: a report did come.
     *
     * @return whether the current state changed
     */
    public boolean applyDelivery(DeliveryState state, String status, String diagnostic, Instant at, boolean heuristic,
                                 Verification verification) {
        this.deliverySilence = null;
        this.deliverySilenceAt = null;
        if (!state.mayReplace(deliveryState)) {
            return false;
        }
        if (heuristic && !deliveryHeuristic && state.rank() == deliveryState.rank() && state != DeliveryState.ACCEPTED) {
            return false;
        }
        this.deliveryState = state;
        this.deliveryStatus = truncate(status, 32);
        this.deliveryDiagnostic = truncate(diagnostic, 2000);
        this.deliveryAt = at;
        this.deliveryHeuristic = heuristic;
        this.deliveryVerification = verification;
        return true;
    }

    public void applyDisposition(String state, Verification verification, Instant at) {
        applyDisposition(state, verification, at, DispositionMatch.ORIGINAL_MESSAGE_ID);
    }

    public void applyDisposition(String state, Verification verification, Instant at, DispositionMatch match) {
        this.dispositionState = truncate(state, 32);
        this.verification = verification;
        this.dispositionAt = at;
        this.dispositionMatch = match.name();
        this.readSilence = null;
        this.readSilenceAt = null;
    }

    /** A DSN claimed to be about this recipient with a forged envelope id: counted, never applied. */
    public void forgedReport() {
        this.forgedReports++;
    }

    /** What is known of the remote host James handed the message to: whether it offered DSN, null if unknown. */
    public void relayDsnOffered(Boolean offered) {
        this.relayDsnOffered = offered;
    }

    public void deliverySilence(String reason, Instant at) {
        this.deliverySilence = truncate(reason, 500);
        this.deliverySilenceAt = at;
    }

    public void readSilence(String reason, Instant at) {
        this.readSilence = truncate(reason, 500);
        this.readSilenceAt = at;
    }

    public String domain() {
        return domain;
    }

    public Verification deliveryVerification() {
        return deliveryVerification == null ? Verification.NONE : deliveryVerification;
    }

    public boolean deliveryHeuristic() {
        return deliveryHeuristic;
    }

    public String dispositionMatch() {
        return dispositionMatch;
    }

    public int forgedReports() {
        return forgedReports;
    }

    public Boolean relayDsnOffered() {
        return relayDsnOffered;
    }

    public String deliverySilence() {
        return deliverySilence;
    }

    public Instant deliverySilenceAt() {
        return deliverySilenceAt;
    }

    public String readSilence() {
        return readSilence;
    }

    public Instant readSilenceAt() {
        return readSilenceAt;
    }

    public boolean matches(String normalizedAddress) {
        return normalizedAddress != null
            && (normalizedAddress.equals(addressNorm) || normalizedAddress.equals(orcptNorm));
    }

    public Long id() {
        return id;
    }

    public Long messageId() {
        return messageId;
    }

    public int position() {
        return position;
    }

    public String address() {
        return address;
    }

    public String addressNorm() {
        return addressNorm;
    }

    public String orcptNorm() {
        return orcptNorm;
    }

    public boolean requestedMdn() {
        return requestedMdn;
    }

    public List<String> requestedNotify() {
        return requestedNotify.isEmpty() ? List.of() : Arrays.asList(requestedNotify.split(","));
    }

    public DeliveryState deliveryState() {
        return deliveryState;
    }

    public String deliveryStatus() {
        return deliveryStatus;
    }

    public String deliveryDiagnostic() {
        return deliveryDiagnostic;
    }

    public Instant deliveryAt() {
        return deliveryAt;
    }

    public String dispositionState() {
        return dispositionState;
    }

    public Instant dispositionAt() {
        return dispositionAt;
    }

    public Verification verification() {
        return verification;
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
