-- Rate limit buckets live in the database so that every node draws on one budget per token.
-- theoretical_arrival is the GCRA "theoretical arrival time" in microseconds since the epoch.
create table rate_limit_bucket (
    account_id          varchar(32) not null,
    bucket_key          varchar(64) not null,
    theoretical_arrival bigint      not null,
    primary key (account_id, bucket_key)
);

-- One counter row per account and kind (ticket, chat); incremented under its row lock in the
-- transaction that inserts the numbered row, so numbers are never handed out twice.
create table protocol_counter (
    account_id varchar(32) not null,
    kind       varchar(20) not null,
    last_value bigint      not null,
    primary key (account_id, kind)
);
