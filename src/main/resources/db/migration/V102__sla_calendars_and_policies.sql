-- Business-hour calendars and the service-level policies measured on them. Hours and holidays are kept in their
-- text forms ("mon-fri 08:00-18:00", "--12-25,2026-11-20"), which the sla module reads into value types.
create table sla_calendar (
    account_id varchar(32)   not null references account (id),
    id         varchar(32)   not null,
    name       varchar(250)  not null,
    name_key   varchar(250)  not null,
    time_zone  varchar(64)   not null,
    hours      varchar(4000) not null,
    holidays   varchar(8000) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    primary key (account_id, id)
);
create unique index sla_calendar_name_uk on sla_calendar (account_id, name_key);

-- A null condition matches every ticket; a null calendar is 24x7; a null target promises nothing.
create table sla_policy (
    account_id          varchar(32)  not null references account (id),
    id                  varchar(32)  not null,
    name                varchar(250) not null,
    name_key            varchar(250) not null,
    calendar_id         varchar(32),
    department_id       varchar(32),
    category_id         varchar(32),
    priorities          varchar(64),
    organization_id     varchar(32),
    first_reply_minutes integer,
    next_reply_minutes  integer,
    resolution_minutes  integer,
    warning_percent     integer      not null,
    sort_position       integer      not null,
    active              boolean      not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, calendar_id) references sla_calendar (account_id, id)
);
create unique index sla_policy_name_uk on sla_policy (account_id, name_key);
create index sla_policy_order on sla_policy (account_id, sort_position, created_at, id);
create index sla_policy_calendar on sla_policy (account_id, calendar_id);
create index sla_policy_department on sla_policy (account_id, department_id);
create index sla_policy_category on sla_policy (account_id, category_id);
