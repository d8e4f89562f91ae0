-- What the chat report counts, one row per chat, recomputed from the chat in the transaction of each of its changes:
-- the day, week (its Monday) and month (its first day) it was queued in the account's time zone, its current
-- department and operator ('' for none), whether it was accepted or abandoned, its wait and duration in seconds, and
-- its evaluation.
create table report_chat_fact (
    account_id       varchar(32) not null,
    chat_id          varchar(32) not null,
    on_day           date        not null,
    on_week          date        not null,
    on_month         date        not null,
    department_id    varchar(32) not null,
    operator_id      varchar(32) not null,
    accepted         boolean     not null,
    abandoned        boolean     not null,
    -- until an operator accepted it; null while it waits, and for a chat nobody accepted
    wait_seconds     bigint,
    -- from acceptance to its end; null until an accepted chat ends
    duration_seconds bigint,
    grade            integer,
    primary key (account_id, chat_id)
);

create index report_chat_fact_by_day on report_chat_fact (account_id, on_day);
