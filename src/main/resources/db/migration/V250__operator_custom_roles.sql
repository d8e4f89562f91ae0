-- Roles an admin defines as a set of permissions (names of io.atende.operator.Permission, separated by commas),
-- next to the built-in agent, supervisor and admin. An operator with one keeps role 'OPERATOR' and holds its
-- permissions instead; a role cannot be deleted while an operator has it.
create table operator_custom_role (
    account_id  varchar(32)  not null references account (id),
    id          varchar(32)  not null,
    name        varchar(100) not null,
    name_key    varchar(100) not null,
    permissions varchar(500) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    primary key (account_id, id)
);
create unique index operator_custom_role_name_uk on operator_custom_role (account_id, name_key);

alter table operator add column custom_role_id varchar(32);
create index operator_custom_role_idx on operator (account_id, custom_role_id);
