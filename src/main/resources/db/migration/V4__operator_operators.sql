create table operator (
    account_id    varchar(32)  not null references account (id),
    id            varchar(32)  not null,
    name          varchar(250) not null,
    email         varchar(250) not null,
    email_key     varchar(250) not null,
    password_hash varchar(100),
    role          varchar(10)  not null,
    active        boolean      not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    primary key (account_id, id)
);
create unique index operator_email_uk on operator (account_id, email_key);
create index operator_name_idx on operator (account_id, name, id);
