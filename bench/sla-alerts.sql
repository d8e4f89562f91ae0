-- Stored SLA clocks for every generated ticket that has none, as a policy of 3 days' resolution and 4 hours' first
-- reply would have left them (calendar time stands in for business time: the plan does not depend on it), then the
-- plan of the alert worker's claim (SlaAlertSchedule.lockDue). Run by bench/sla.sh:
--   psql -d <bench db> -v account=<account id> -v policy=<policy id> -f bench/sla-alerts.sql
-- Open tickets (situation 0 to 3) run; alerts whose moment has passed were published then; 50 are due now.
\timing on
insert into sla_ticket_target (account_id, ticket_id, target, policy_id, budget_seconds, elapsed_seconds, running, paused,
                               deadline, breached_at, accomplished_at, updated_at, warning_at, warned_at,
                               breach_alerted_at, next_alert_at)
select c.account_id, c.id, c.target, :'policy', c.budget, least(c.budget, extract(epoch from (c.stop - c.created_at))::bigint),
       c.running, false,
       case when c.running then c.due end,
       case when c.due < c.stop then c.due end,
       case when not c.running and c.due >= c.stop then c.stop end,
       c.updated_at,
       case when c.running and c.warn > now() then c.warn end,
       case when c.warn <= c.stop then c.warn end,
       case when c.due <= c.stop then c.due end,
       case when c.running and c.warn > now() then c.warn when c.running and c.due > now() then c.due end
  from (select t.account_id, t.id, k.target, k.budget, t.created_at, t.updated_at, t.situation in (0, 1, 2, 3) as running,
               t.created_at + k.budget * interval '1 second' as due,
               t.created_at + k.budget * 0.8 * interval '1 second' as warn,
               case when t.situation in (0, 1, 2, 3) then now() else coalesce(t.end_at, t.updated_at) end as stop
          from ticket t
          cross join (values ('RESOLUTION', 259200), ('FIRST_REPLY', 14400)) as k (target, budget)
         where t.account_id = :'account'
           and (k.target = 'RESOLUTION' or t.first_reply_at is null)
           and not exists (select 1 from sla_ticket_target s where s.account_id = t.account_id and s.ticket_id = t.id)) c;
update sla_ticket_target set next_alert_at = now() - interval '1 minute'
 where account_id = :'account'
   and (ticket_id, target) in (select ticket_id, target from sla_ticket_target
                                where account_id = :'account' and running and next_alert_at is null limit 50);
analyze sla_ticket_target;
select count(*) as targets, count(next_alert_at) as with_an_alert_to_come, count(*) filter (where next_alert_at <= now()) as due_now
  from sla_ticket_target where account_id = :'account';
-- the claim, as the worker sends it
begin;
explain (analyze, buffers)
select ticket_id, target, policy_id, warning_at, warned_at, breached_at, deadline, breach_alerted_at
  from sla_ticket_target
 where account_id = :'account' and next_alert_at <= now()
 order by next_alert_at
 limit 100
   for update skip locked;
rollback;
