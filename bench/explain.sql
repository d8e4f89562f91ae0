-- Plans of the /ticket/list queries, in the form TicketRepository.list builds them (after V80/V81).
-- psql -h 127.0.0.1 -U postgres -d <bench db> -v account=<account id> -v department=<department id> \
--      -v operator=<operator id> -f bench/explain.sql
-- (the ids are in bench/target/run/fixture.properties; the search words there too)
\timing on
-- default order: the count is the highest protocol; then page 11 (ids first, then their rows and opening messages)
explain (analyze, buffers) select coalesce(max(protocol), 0) from ticket where account_id = :'account';
explain (analyze, buffers) select t.id, t.protocol, m.body from (select t.id from ticket t where t.account_id = :'account'
  order by t.protocol desc limit 50 offset 500) p
  join ticket t on t.account_id = :'account' and t.id = p.id
  join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0
 order by t.protocol desc;
-- open tickets: count, then page 3
explain (analyze, buffers) select count(*) from ticket t where t.account_id = :'account' and t.situation in (0, 1, 2, 3);
explain (analyze, buffers) select t.id, t.protocol, m.body from (select t.id from ticket t where t.account_id = :'account'
  and t.situation in (0, 1, 2, 3) order by t.protocol desc limit 50 offset 100) p
  join ticket t on t.account_id = :'account' and t.id = p.id
  join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0
 order by t.protocol desc;
-- department + finished: count, then page 3
explain (analyze, buffers) select count(*) from ticket t
 where t.account_id = :'account' and t.department_id = :'department' and t.situation in (5);
explain (analyze, buffers) select t.id, t.protocol, m.body from (select t.id from ticket t where t.account_id = :'account'
  and t.department_id = :'department' and t.situation in (5) order by t.protocol desc limit 50 offset 100) p
  join ticket t on t.account_id = :'account' and t.id = p.id
  join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0
 order by t.protocol desc;
-- operator + high/urgent priority by last update: count, then page 1
explain (analyze, buffers) select count(*) from ticket t
 where t.account_id = :'account' and t.operator_id = :'operator' and t.priority in (3, 4);
explain (analyze, buffers) select t.id, t.protocol, m.body from (select t.id from ticket t where t.account_id = :'account'
  and t.operator_id = :'operator' and t.priority in (3, 4) order by t.updated_at desc, t.id desc limit 50 offset 0) p
  join ticket t on t.account_id = :'account' and t.id = p.id
  join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0
 order by t.updated_at desc, t.id desc;
-- search: count for a common word, first page for a rare word
explain (analyze, buffers) select count(*) from ticket t
 where t.account_id = :'account' and t.search_vector @@ to_tsquery('simple', 'losovi:*');
explain (analyze, buffers) select t.id, t.protocol, m.body from (select t.id from ticket t where t.account_id = :'account'
  and t.search_vector @@ to_tsquery('simple', 'sennomo:*') order by t.protocol desc limit 50 offset 0) p
  join ticket t on t.account_id = :'account' and t.id = p.id
  join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0
 order by t.protocol desc;
-- Reports (V130): a 90-day ticket report by day, then the same grouped by nothing (its total), then the backlog at
-- the period's start. Expect index-only scans on report_ticket_fact_by_day and a BitmapOr on report_ticket_fact_open.
explain (analyze, buffers) select on_day, kind, count(*), percentile_cont(0.5) within group (order by seconds),
  percentile_cont(0.9) within group (order by seconds), count(sla_met), sum(case when sla_met then 1 else 0 end),
  count(grade), coalesce(sum(grade), 0), count(solved), sum(case when solved then 1 else 0 end), coalesce(sum(work_seconds), 0)
from report_ticket_fact where account_id = :'account' and on_day >= current_date - 89 and on_day <= current_date
  and kind in ('CREATED', 'FIRST_REPLY', 'FINISHED', 'CANCELLED', 'REOPENED', 'EVALUATED', 'WORK') group by on_day, kind;
explain (analyze, buffers) select kind, count(*), percentile_cont(0.5) within group (order by seconds)
from report_ticket_fact where account_id = :'account' and on_day >= current_date - 364 and on_day <= current_date
  and kind in ('CREATED', 'FIRST_REPLY', 'FINISHED', 'CANCELLED', 'REOPENED', 'EVALUATED', 'WORK') group by kind;
explain (analyze, buffers) select count(*) from report_ticket_fact where account_id = :'account' and kind = 'OPEN'
  and on_day <= current_date - 90 and (ended_day is null or ended_day > current_date - 90);
-- Reports (V161): the same reports from the per-day rollups, as ReportRepository reads them: a 90-day report by day,
-- the 12-month report's histograms by month, and the backlog at the period's start. Expect index scans on the
-- primary keys of report_ticket_day and report_ticket_minutes, days x kinds (x buckets) rows rather than facts.
explain (analyze, buffers) select on_day, kind, sum(facts), sum(judged), sum(met), sum(graded), sum(grade_sum), sum(answered),
  sum(solved), sum(work_seconds)
from report_ticket_day where account_id = :'account' and slice = 'ALL' and on_day >= current_date - 89 and on_day <= current_date
  and kind in ('CREATED', 'FIRST_REPLY', 'FINISHED', 'CANCELLED', 'REOPENED', 'EVALUATED', 'WORK')
group by on_day, kind having sum(facts) <> 0;
explain (analyze, buffers) select on_month, kind, bucket, sum(facts)
from report_ticket_minutes where account_id = :'account' and slice = 'ALL' and on_day >= current_date - 364
  and on_day <= current_date
group by on_month, kind, bucket having sum(facts) <> 0;
explain (analyze, buffers) select sum(case when kind = 'OPEN' then facts else -facts end)
from report_ticket_day where account_id = :'account' and slice = 'ALL' and on_day <= current_date - 90
  and kind in ('OPEN', 'CLOSED');
