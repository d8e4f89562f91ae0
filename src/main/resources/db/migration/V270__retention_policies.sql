-- Each account's retention policy (docs/data-protection.md, Retention): finished and cancelled tickets older than
-- ticket_months are anonymized or deleted (ticket_action), and messages read from mailboxes are kept as they came for
-- inbound_raw_days. A null keeps tickets for ever, or the raw messages for the installation's default.
create table retention_policy (
    account_id       varchar(32) not null references account (id),
    ticket_months    integer,
    ticket_action    varchar(16) not null,
    inbound_raw_days integer,
    updated_at       timestamp with time zone not null,
    primary key (account_id)
);

-- When retention anonymized a ticket: it is not anonymized again on the next sweep.
alter table ticket add column retained_at timestamp with time zone;
-- The sweep looks for the account's finished tickets by when they ended.
create index ticket_retention_idx on ticket (account_id, situation, end_at);

-- One row: the node holding it applies every account's policy until lease_until, so that one node at a time does.
-- Not a tenant table, like the other workers' leases.
create table retention_sweep_lease (
    id          varchar(32) not null primary key,
    holder      varchar(64),
    lease_until timestamp with time zone
);
insert into retention_sweep_lease (id, holder, lease_until) values ('retention', null, null);

-- Retention and erasure find the mail of given tickets.
create index mail_message_retention_idx on mail_message (account_id, ticket_id);
create index mail_inbound_retention_idx on mail_inbound (account_id, ticket_id);
