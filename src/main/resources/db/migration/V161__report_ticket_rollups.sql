-- Per-day rollups of report_ticket_fact, so that a report over a period reads days x groups rather than every fact of
-- the period (docs/reports.md, How the figures are kept). Each fact counts in five slices: ALL (group_id ''), and by
-- its DEPARTMENT, OPERATOR, CATEGORY and CHANNEL (group_id the department's id, and so on; '' for none). Kinds are
-- those of the facts but REPLY (the operator report reads those from the facts), plus CLOSED: an OPEN stretch that
-- ended, counted on the day it ended, so that the backlog at a day's end is the openings less the closings up to it.
-- The rows are kept by the transaction that rewrites a ticket's facts, as increments of what changed; a row whose
-- facts fell to 0 stays, empty.
create table report_ticket_day (
    account_id   varchar(32) not null,
    slice        varchar(16) not null,
    on_day       date        not null,
    group_id     varchar(32) not null,
    kind         varchar(16) not null,
    -- the Monday and first day of the month of on_day (null on CLOSED rows, never read by week or month)
    on_week      date,
    on_month     date,
    facts        bigint      not null,
    judged       bigint      not null,
    met          bigint      not null,
    graded       bigint      not null,
    grade_sum    bigint      not null,
    answered     bigint      not null,
    solved       bigint      not null,
    work_seconds bigint      not null,
    primary key (account_id, slice, on_day, group_id, kind)
);

-- The durations of FIRST_REPLY and FINISHED facts by day, slice and group, as a histogram: bucket is the lower bound
-- in seconds of a bucket one minute wide below an hour, 5 minutes below 4 hours, 15 minutes below a day, an hour
-- below a week and 6 hours beyond (io.atende.report.DurationHistogram); facts is how many durations fell in it.
create table report_ticket_minutes (
    account_id varchar(32) not null,
    slice      varchar(16) not null,
    on_day     date        not null,
    group_id   varchar(32) not null,
    kind       varchar(16) not null,
    bucket     bigint      not null,
    on_week    date        not null,
    on_month   date        not null,
    facts      bigint      not null,
    primary key (account_id, slice, on_day, group_id, kind, bucket)
);

-- The facts kept so far, rolled up: one pass over the facts per table, each fact joined to the five slices, written in
-- the order of the primary key so that a period's rows lie on neighbouring pages (a report reads them as a range).
insert into report_ticket_day (account_id, slice, on_day, group_id, kind, on_week, on_month, facts, judged, met, graded,
                               grade_sum, answered, solved, work_seconds)
select account_id, slice, on_day, group_id, kind, on_week, on_month, count(*), count(sla_met),
       sum(case when sla_met then 1 else 0 end), count(grade), coalesce(sum(grade), 0), count(solved),
       sum(case when solved then 1 else 0 end), coalesce(sum(work_seconds), 0)
from (select f.account_id, s.slice, f.kind, f.on_day, f.on_week, f.on_month, f.sla_met, f.grade, f.solved, f.work_seconds,
             case s.slice when 'ALL' then '' when 'DEPARTMENT' then f.department_id when 'OPERATOR' then f.operator_id
                          when 'CATEGORY' then f.category_id else f.channel end as group_id
      from report_ticket_fact f
      cross join (values ('ALL'), ('DEPARTMENT'), ('OPERATOR'), ('CATEGORY'), ('CHANNEL')) as s (slice)
      where f.kind <> 'REPLY') sliced
group by account_id, slice, on_day, group_id, kind, on_week, on_month
order by account_id, slice, on_day, group_id, kind;

insert into report_ticket_day (account_id, slice, on_day, group_id, kind, on_week, on_month, facts, judged, met, graded,
                               grade_sum, answered, solved, work_seconds)
select account_id, slice, ended_day, group_id, 'CLOSED', null, null, count(*), 0, 0, 0, 0, 0, 0, 0
from (select f.account_id, s.slice, f.ended_day,
             case s.slice when 'ALL' then '' when 'DEPARTMENT' then f.department_id when 'OPERATOR' then f.operator_id
                          when 'CATEGORY' then f.category_id else f.channel end as group_id
      from report_ticket_fact f
      cross join (values ('ALL'), ('DEPARTMENT'), ('OPERATOR'), ('CATEGORY'), ('CHANNEL')) as s (slice)
      where f.kind = 'OPEN' and f.ended_day is not null) sliced
group by account_id, slice, ended_day, group_id
order by account_id, slice, ended_day, group_id;

insert into report_ticket_minutes (account_id, slice, on_day, group_id, kind, bucket, on_week, on_month, facts)
select account_id, slice, on_day, group_id, kind, bucket, on_week, on_month, count(*)
from (select f.account_id, s.slice, f.kind, f.on_day, f.on_week, f.on_month,
             case s.slice when 'ALL' then '' when 'DEPARTMENT' then f.department_id when 'OPERATOR' then f.operator_id
                          when 'CATEGORY' then f.category_id else f.channel end as group_id,
             case when f.seconds < 3600 then (f.seconds / 60) * 60
                  when f.seconds < 14400 then (f.seconds / 300) * 300
                  when f.seconds < 86400 then (f.seconds / 900) * 900
                  when f.seconds < 604800 then (f.seconds / 3600) * 3600
                  else (f.seconds / 21600) * 21600 end as bucket
      from report_ticket_fact f
      cross join (values ('ALL'), ('DEPARTMENT'), ('OPERATOR'), ('CATEGORY'), ('CHANNEL')) as s (slice)
      where f.kind in ('FIRST_REPLY', 'FINISHED') and f.seconds is not null) sliced
group by account_id, slice, on_day, group_id, kind, bucket, on_week, on_month
order by account_id, slice, on_day, group_id, kind, bucket;
