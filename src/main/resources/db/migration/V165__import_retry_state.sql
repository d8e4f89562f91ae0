-- A job whose source could not be reached (no connection, a timeout, 5xx) waits and tries again instead of failing:
-- how many attempts in a row failed, why the last one did, and when the next one is due. While it waits the job's
-- lease_until is that moment, so no node takes it before.
alter table import_job add column retry_attempts integer default 0 not null;
alter table import_job add column retry_reason varchar(1000);
alter table import_job add column retry_at timestamp with time zone;
