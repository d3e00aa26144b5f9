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
    }

    /**
     * Records a delivery fact; it becomes the current state only if it ranks at least as high as the current one.
     *
     * @return whether the current state changed
     */
    public boolean applyDelivery(DeliveryState state, String status, String diagnostic, Instant at) {
        if (!state.mayReplace(deliveryState)) {
            return false;
        }
        this.deliveryState = state;
        this.deliveryStatus = truncate(status, 32);
        this.deliveryDiagnostic = truncate(diagnostic, 2000);
        this.deliveryAt = at;
        return true;
    }

    public void applyDisposition(String state, Verification verification, Instant at) {
        this.dispositionState = truncate(state, 32);
        this.verification = verification;
        this.dispositionAt = at;
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
