-- Triggers: rules run on a ticket's events, in position order. events is a comma list of event names;
-- conditions and actions are JSON arrays in the domain's words. The counters and last_* columns say how often
-- the rule ran and how its last run ended; they are written by the runner, never by an administrator.
create table automation_trigger (
    account_id      varchar(32)    not null references account (id),
    id              varchar(32)    not null,
    name            varchar(250)   not null,
    events          varchar(1000)  not null,
    match_all       boolean        not null,
    conditions      text           not null,
    actions         text           not null,
    position        integer        not null,
    active          boolean        not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    run_count       bigint         not null default 0,
    failure_count   bigint         not null default 0,
    last_run_at     timestamp with time zone,
    last_failure_at timestamp with time zone,
    last_error      varchar(1000),
    primary key (account_id, id)
);
create index automation_trigger_position_ix on automation_trigger (account_id, position);

-- The events triggers still have to judge, written in the transaction of the change that published them, so a
-- committed change is judged even when the node stops at once and a rolled-back one never is. depth counts the
-- rules that led to the event (0: a person's or a system's change); rule_ids are those rules, which the event
-- must not fire again. A runner claims rows by moving due_at past its lease.
create table automation_trigger_event (
    account_id  varchar(32)   not null references account (id),
    id          varchar(32)   not null,
    ticket_id   varchar(32)   not null,
    event       varchar(64)   not null,
    channel     varchar(16)   not null,
    depth       integer       not null,
    rule_ids    varchar(200)  not null,
    created_at  timestamp with time zone not null,
    due_at      timestamp with time zone not null,
    claim_token varchar(32),
    primary key (account_id, id)
);
-- Claimed across accounts by due time, like the e-mail outbox: the one index that does not start with account_id.
create index automation_trigger_event_due_ix on automation_trigger_event (due_at);

-- One row per trigger and event it acted on, kept with the run's outcome: the key makes a trigger act at most once
-- per event even when a runner dies after acting and the event is judged again.
create table automation_trigger_run (
    account_id varchar(32)   not null references account (id),
    event_id   varchar(32)   not null,
    trigger_id varchar(32)   not null,
    ticket_id  varchar(32)   not null,
    ran_at     timestamp with time zone not null,
    error      varchar(1000),
    primary key (account_id, event_id, trigger_id)
);
create index automation_trigger_run_ticket_ix on automation_trigger_run (account_id, ticket_id, ran_at);
