-- Password-reset links of operators: only the SHA-256 of the link's secret is kept. A link works once, until
-- expires_at: using one deletes all of the operator's links, and asking again replaces them.
create table operator_password_reset (
    account_id  varchar(32) not null,
    token_hash  varchar(64) not null,
    operator_id varchar(32) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    primary key (account_id, token_hash),
    foreign key (account_id, operator_id) references operator (account_id, id) on delete cascade
);
create index operator_password_reset_operator_idx on operator_password_reset (account_id, operator_id);
