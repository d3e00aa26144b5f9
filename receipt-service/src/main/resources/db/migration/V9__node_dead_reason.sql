-- Why a James node's last event went to its spool's dead/ (X-Receipts-Node-Status lastDead, docs/events.md).
alter table node_status add column last_dead_reason varchar(500);
