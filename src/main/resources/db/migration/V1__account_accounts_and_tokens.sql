-- One row guards first-start bootstrap: whichever node inserts it creates the default account.
create table installation (
    id            integer primary key,
    bootstrapped_at timestamp with time zone not null
);

create table account (
    id                    varchar(32)  primary key,
    name                  varchar(250) not null,
    time_zone             varchar(64)  not null,
    rate_limit_per_second integer,
    rate_limit_burst      integer,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null
);

create table api_token (
    account_id            varchar(32)  not null references account (id),
    id                    varchar(32)  not null,
    name                  varchar(250) not null,
    scope                 varchar(10)  not null,
    token_hash            varchar(64)  not null,
    token_hint            varchar(12)  not null,
    allowed_ips           varchar(2000),
    rate_limit_per_second integer,
    rate_limit_burst      integer,
    created_at            timestamp with time zone not null,
    last_used_at          timestamp with time zone,
    revoked_at            timestamp with time zone,
    primary key (account_id, id)
);
-- The one lookup that cannot start with account_id: a caller presents only the secret, and the
-- account is what we learn from it. The hash is unique across the installation.
create unique index api_token_hash_uk on api_token (token_hash);
