-- Retention (docs/consent.md): at most one purge run at a time, across every instance sharing the database.
-- running_slot is 1 while a run is RUNNING and null otherwise; the unique constraint lets only one row hold it
-- (both H2 and PostgreSQL allow any number of nulls in a unique column). heartbeat_at is written after every
-- batch, so that a run left RUNNING by a stopped instance can be recognised as abandoned.
alter table purge_run add column running_slot integer;
alter table purge_run add column heartbeat_at timestamp with time zone;
alter table purge_run add constraint purge_run_one_running unique (running_slot);
