-- The web API (docs/web-api.md): keyset searches, node health. Portable between H2 2.x and PostgreSQL.

-- Keyset paging walks (time, id) newest first; each search's filters narrow it further.
create index sent_message_submitted_id on sent_message (submitted_at, id);
create index sent_message_owner_submitted_id on sent_message (owner, submitted_at, id);
create index sent_message_sender_submitted_id on sent_message (sender, submitted_at, id);
create index message_recipient_message_states on message_recipient (message_id, delivery_state, disposition_state);
create index message_recipient_delivery on message_recipient (delivery_state, message_id);
create index message_recipient_disposition on message_recipient (disposition_state, message_id);
create index timeline_entry_event on timeline_entry (event_id);
create index received_report_sender on received_report (report_sender, received_at);
create index received_report_verification on received_report (verification, received_at);
create index received_report_recipient_original on received_report_recipient (original_recipient);
-- Admin health: ingest counts over the last minute and hour.
create index ingested_event_received on ingested_event (received_at);
create index ingested_event_node_received on ingested_event (node, received_at);
create index rejected_event_received on rejected_event (received_at);

-- What each James node last said about itself (X-Receipts-Node-Status, docs/events.md).
create table node_status (
    node            varchar(255)             not null primary key,
    last_seen_at    timestamp with time zone not null,
    last_event_at   timestamp with time zone,
    spool_backlog   bigint                   not null,
    dead_letters    bigint                   not null,
    errors          bigint                   not null
);
