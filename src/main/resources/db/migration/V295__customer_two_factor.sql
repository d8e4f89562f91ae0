-- Portal customers' optional two-factor sign-in (TOTP), kept as operators' is: the secret sealed with the
-- installation's key, confirmed by the first code, the step of the last code used; recovery codes as SHA-256 hashes.
create table customer_two_factor (
    account_id     varchar(32)  not null,
    customer_id    varchar(32)  not null,
    secret         varchar(200) not null,
    started_at     timestamp with time zone not null,
    confirmed_at   timestamp with time zone,
    last_used_step bigint,
    primary key (account_id, customer_id),
    foreign key (account_id, customer_id) references customer (account_id, id) on delete cascade
);

create table customer_recovery_code (
    account_id  varchar(32) not null,
    customer_id varchar(32) not null,
    code_hash   varchar(64) not null,
    used_at     timestamp with time zone,
    primary key (account_id, customer_id, code_hash),
    foreign key (account_id, customer_id) references customer (account_id, id) on delete cascade
);
