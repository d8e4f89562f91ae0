-- The plans of the pruning of trigger runs and automation hits (RuleRepository.pruneRuns, ticketsHitBefore,
-- forgetHitsBefore) on tables of a busy installation: 2,000,000 trigger runs and 400,000 automation hits over 200
-- accounts and 90 days, with 2,000 events still queued. Everything happens in one transaction that is rolled back,
-- so the database is left as it was:
--   psql -d <bench db> -f bench/rule-pruning.sql
begin;
-- The synthetic accounts exist only in this transaction; their rows skip the foreign keys to account.
set local session_replication_role = replica;
insert into automation_trigger_run (account_id, event_id, trigger_id, ticket_id, ran_at)
select md5('account' || (i % 200)), md5('event' || i), md5('trigger' || (i % 7)), md5('ticket' || (i / 3)),
       now() - (i % 90) * interval '1 day' - (i % 86400) * interval '1 second'
  from generate_series(1, 2000000) as i;
insert into automation_trigger_event (account_id, id, ticket_id, event, channel, depth, rule_ids, created_at, due_at)
select md5('account' || (i % 200)), md5('event' || i), md5('ticket' || (i / 3)), 'ticket.created', 'API', 0, '', now(), now()
  from generate_series(1, 2000000, 1000) as i;
insert into automation_rule_hit (account_id, automation_id, ticket_id, acted_at)
select md5('account' || (i % 200)), md5('automation' || (i % 5)), md5('ticket' || i),
       now() - (i % 90) * interval '1 day'
  from generate_series(1, 400000) as i;
analyze automation_trigger_run;
analyze automation_trigger_event;
analyze automation_rule_hit;

\echo == runs: one batch of the runs of one account older than 30 days whose event left the queue
explain (analyze, buffers, costs off, timing off)
delete from automation_trigger_run
 where account_id = md5('account7') and ran_at < now() - interval '30 days'
   and event_id in (select r.event_id from automation_trigger_run r
                     where r.account_id = md5('account7') and r.ran_at < now() - interval '30 days'
                       and not exists (select 1 from automation_trigger_event e
                                        where e.account_id = r.account_id and e.id = r.event_id)
                     limit 500);

\echo == hits: the first page of the tickets one account remembered before the cutoff
explain (analyze, buffers, costs off, timing off)
select distinct ticket_id from automation_rule_hit
 where account_id = md5('account7') and acted_at < now() - interval '30 days' and ticket_id > ''
 order by ticket_id
 limit 500;

\echo == hits: forgetting those of finished tickets
explain (analyze, buffers, costs off, timing off)
delete from automation_rule_hit
 where account_id = md5('account7') and acted_at < now() - interval '30 days'
   -- as the ids of a page the ticket module found finished (a list of values, like the server's in (...))
   and ticket_id = any (array(select ticket_id from automation_rule_hit
                               where account_id = md5('account7') and acted_at < now() - interval '30 days' limit 200));
rollback;
