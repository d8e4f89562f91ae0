-- Changes to configuration that nodes keep derived copies of (SLA policies, triggers, ...): a change inserts a row
-- in its own transaction, and every node reads the rows of the last half minute each second to drop its copies of
-- what changed elsewhere. Rows are only inserted, so writers never wait for each other; any node deletes rows older
-- than an hour. Read across accounts by time, hence an index that does not start with account_id.
create table cache_change (
    id         varchar(32)  not null primary key,
    account_id varchar(32)  not null,
    topic      varchar(64)  not null,
    changed_at timestamp with time zone not null
);

create index cache_change_by_time on cache_change (changed_at);
