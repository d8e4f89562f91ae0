create table organization (
    account_id varchar(32)  not null references account (id),
    id         varchar(32)  not null,
    name       varchar(250) not null,
    name_key   varchar(250) not null,
    parent_id  varchar(32),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, parent_id) references organization (account_id, id)
);
create unique index organization_name_uk on organization (account_id, name_key);
create index organization_parent_idx on organization (account_id, parent_id);

create table customer (
    account_id           varchar(32)  not null references account (id),
    id                   varchar(32)  not null,
    internal_id          varchar(250) not null,
    name                 varchar(250) not null,
    email                varchar(250),
    email_key            varchar(250),
    phone                varchar(20),
    organization_id      varchar(32),
    portfolio_id         varchar(250),
    monthly_ticket_quota integer,
    allow_create_tickets boolean      not null,
    email_validated      boolean      not null,
    active               boolean      not null,
    account_approved     boolean      not null,
    language             varchar(5)   not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, organization_id) references organization (account_id, id)
);
create unique index customer_internal_id_uk on customer (account_id, internal_id);
create unique index customer_email_uk on customer (account_id, email_key);
create index customer_organization_idx on customer (account_id, organization_id);
create index customer_created_idx on customer (account_id, created_at, id);

create table email_blacklist (
    account_id varchar(32)  not null references account (id),
    email_key  varchar(250) not null,
    created_at timestamp with time zone not null,
    primary key (account_id, email_key)
);
