-- Time-based automations share the triggers' table: kind tells a trigger (run on events) from an automation (run on
-- the clock, with no events).
alter table automation_trigger add column kind varchar(16) default 'trigger' not null;
create index automation_trigger_kind_ix on automation_trigger (account_id, kind, position);

-- The tickets an automation acted on while its conditions held: it acts again only after they stopped holding
-- (the row is deleted then).
create table automation_rule_hit (
    account_id    varchar(32) not null references account (id),
    automation_id varchar(32) not null,
    ticket_id     varchar(32) not null,
    acted_at      timestamp with time zone not null,
    primary key (account_id, automation_id, ticket_id)
);

-- One row: the node holding it sweeps every account's automations until lease_until, so that one node at a time
-- does. Not a tenant table, like the leases of other workers' rows.
create table automation_sweep_lease (
    id          varchar(32) not null primary key,
    holder      varchar(64),
    lease_until timestamp with time zone
);
insert into automation_sweep_lease (id, holder, lease_until) values ('automations', null, null);
