package dev.receipts.service.correlation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An address James delivered to in place of the recipient the sender wrote (a RecipientRewriteTable alias or
 * forward), learnt from a {@code LOCAL_DELIVERY} event; reports naming it correlate to that recipient.
 */
@Entity
@Table(name = "recipient_alias")
public class RecipientAlias {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "recipient_id")
    private Long recipientId;

    @Column(name = "alias_norm")
    private String aliasNorm;

    @Column(name = "event_id")
    private String eventId;

    protected RecipientAlias() {
    }

    public RecipientAlias(Long recipientId, String aliasNorm, String eventId) {
        this.recipientId = recipientId;
        this.aliasNorm = aliasNorm.length() <= 512 ? aliasNorm : aliasNorm.substring(0, 512);
        this.eventId = eventId;
    }

    public Long recipientId() {
        return recipientId;
    }
}
