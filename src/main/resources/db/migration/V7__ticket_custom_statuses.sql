create table ticket_status (
    account_id varchar(32)  not null references account (id),
    id         varchar(32)  not null,
    name       varchar(250) not null,
    name_key   varchar(250) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    primary key (account_id, id)
);
create unique index ticket_status_name_uk on ticket_status (account_id, name_key);
