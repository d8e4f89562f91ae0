-- What the reports count, one row per fact of a ticket: its opening, first reply, each finish, cancellation and
-- reopening, its evaluation, each operator reply, and each stretch during which it was open. A ticket's rows are
-- recomputed from the ticket in the transaction of each of its changes (under its row lock), so they always match
-- the ticket. Every row carries the ticket's current department, operator, category and channel, and the day,
-- week (its Monday) and month (its first day) of the fact (on_day, on_week, on_month) in the account's time zone, so that a report is one
-- grouped read of the period's rows by (account_id, on_day).
create table report_ticket_fact (
    account_id    varchar(32) not null,
    ticket_id     varchar(32) not null,
    seq           integer     not null,
    kind          varchar(16) not null,
    occurred_at   timestamp with time zone not null,
    on_day        date        not null,
    on_week       date        not null,
    on_month      date        not null,
    -- OPEN rows: the day the stretch ended (finish or cancellation), null while the ticket is open
    ended_day     date,
    department_id varchar(32) not null,
    operator_id   varchar(32) not null,
    category_id   varchar(32) not null,
    channel       varchar(16) not null,
    -- REPLY rows: the operator who wrote the reply
    author_id     varchar(32),
    -- FIRST_REPLY and the last FINISHED: the duration, pauses and time outside business hours left out
    seconds       bigint,
    sla_met       boolean,
    grade         integer,
    solved        boolean,
    work_seconds  bigint,
    primary key (account_id, ticket_id, seq)
);

-- A report reads a period's rows of some kinds and groups them: the index holds every column a report reads, so
-- that PostgreSQL answers from the index alone (an index-only scan), with no visit to the table's scattered rows.
create index report_ticket_fact_by_day on report_ticket_fact (account_id, kind, on_day, department_id, operator_id,
    category_id, channel, on_week, on_month, seconds, sla_met, grade, solved, work_seconds, author_id, ticket_id);

-- The backlog at a day's end: the open stretches that had not ended by then (still open, or ended later).
create index report_ticket_fact_open on report_ticket_fact (account_id, kind, ended_day);
