-- Columns follow the event contract's field limits (dev.receipts.contract.FieldLimits, docs/events.md "Field limits").
-- requested_notify holds a recipient's NOTIFY keywords joined by commas: at most 8 keywords of 32 characters.
alter table message_recipient alter column requested_notify set data type varchar(300);
