-- A custom status may stop the SLA clocks while it is open on a ticket (e.g. "Waiting for the supplier").
alter table ticket_status add column pauses_sla boolean default false not null;

-- What happened to a ticket that moves its SLA clocks, in order: the clocks are computed from these alone, so they
-- can be recomputed and explained. On the rows that apply a policy, policy_id is that policy (null: none applies) and
-- traits what of the ticket it was chosen by (department, category, priority, organization), so a change of them is seen.
create table sla_ticket_transition (
    account_id  varchar(32) not null references account (id),
    ticket_id   varchar(32) not null,
    seq         integer     not null,
    occurred_at timestamp with time zone not null,
    kind        varchar(32) not null,
    policy_id   varchar(32),
    traits      varchar(200),
    primary key (account_id, ticket_id, seq)
);

-- Each target's clock as the ticket's last change left it, for queries: deadline is null while the clock is paused,
-- stopped or not started. elapsed_seconds is the business time counted up to updated_at.
create table sla_ticket_target (
    account_id      varchar(32) not null references account (id),
    ticket_id       varchar(32) not null,
    target          varchar(16) not null,
    policy_id       varchar(32) not null,
    budget_seconds  bigint      not null,
    elapsed_seconds bigint      not null,
    running         boolean     not null,
    paused          boolean     not null,
    deadline        timestamp with time zone,
    breached_at     timestamp with time zone,
    accomplished_at timestamp with time zone,
    updated_at      timestamp with time zone not null,
    primary key (account_id, ticket_id, target)
);
create index sla_ticket_target_deadline_ix on sla_ticket_target (account_id, deadline);
