-- Macros: a reply with placeholders and a list of actions an operator applies to a ticket in one step.
-- operator_id is null for a macro every operator of the account may use, else the one operator's own.
create table automation_macro (
    account_id  varchar(32)    not null references account (id),
    id          varchar(32)    not null,
    name        varchar(250)   not null,
    name_key    varchar(250)   not null,
    reply       text,
    actions     text         not null,
    operator_id varchar(32),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    primary key (account_id, id)
);
create index automation_macro_name_ix on automation_macro (account_id, name_key);
