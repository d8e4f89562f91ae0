-- The ticket's nearest SLA state, kept by the sla module from the ticket's clocks in the transaction of each change, so
-- that the ticket list filters and sorts by it without reading the sla tables. sla_deadline is the earliest deadline of
-- the running clocks (a breached clock's is the moment it breached, paused or not), sla_warning_at the earliest moment
-- a running clock that is not paused turns at risk, sla_paused whether the running clocks are paused. All null/false
-- on a ticket without a running clock.
alter table ticket add column sla_deadline timestamp with time zone;
alter table ticket add column sla_warning_at timestamp with time zone;
alter table ticket add column sla_paused boolean default false not null;

create index ticket_sla_deadline_idx on ticket (account_id, sla_deadline);
create index ticket_sla_paused_idx on ticket (account_id, sla_paused, sla_deadline);
