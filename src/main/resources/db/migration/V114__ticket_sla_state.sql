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

-- Tickets whose clocks were kept before this state was: their nearest deadline and pause from the stored clocks. The
-- warning moment needs the policy's calendar, so it waits for the ticket's next change (until then such a ticket
-- reads as ok, never at risk, before its deadline).
update ticket set
    sla_deadline = (select min(coalesce(s.breached_at, s.deadline)) from sla_ticket_target s
                    where s.account_id = ticket.account_id and s.ticket_id = ticket.id and s.running = true),
    sla_paused = exists (select 1 from sla_ticket_target s
                         where s.account_id = ticket.account_id and s.ticket_id = ticket.id and s.running = true and s.paused = true)
where exists (select 1 from sla_ticket_target s where s.account_id = ticket.account_id and s.ticket_id = ticket.id);
