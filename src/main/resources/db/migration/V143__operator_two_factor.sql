-- Two-factor sign-in of operators (TOTP, RFC 6238). The secret is the operator's shared key in Base32;
-- confirmed_at stays null until a first code proves the operator's app has it. last_used_step is the
-- latest 30-second step whose code signed in, so a code is never accepted twice.
create table operator_two_factor (
    account_id     varchar(32) not null,
    operator_id    varchar(32) not null,
    secret         varchar(64) not null,
    started_at     timestamp with time zone not null,
    confirmed_at   timestamp with time zone,
    last_used_step bigint,
    primary key (account_id, operator_id),
    foreign key (account_id, operator_id) references operator (account_id, id) on delete cascade
);

-- Single-use recovery codes: SHA-256 of random 80-bit codes, shown to the operator once.
create table operator_recovery_code (
    account_id  varchar(32) not null,
    operator_id varchar(32) not null,
    code_hash   varchar(64) not null,
    used_at     timestamp with time zone,
    primary key (account_id, operator_id, code_hash),
    foreign key (account_id, operator_id) references operator (account_id, id) on delete cascade
);

-- Whether every operator of the account must sign in with a second factor.
create table operator_sign_in_policy (
    account_id          varchar(32) not null references account (id),
    two_factor_required boolean     not null,
    changed_at          timestamp with time zone not null,
    primary key (account_id)
);
