-- What each operator declared about taking work now: online, away or offline. Automatic assignment gives
-- tickets only to operators online; an operator without a row is offline.
create table operator_availability (
    account_id   varchar(32) not null references account (id),
    operator_id  varchar(32) not null,
    availability varchar(8)  not null,
    changed_at   timestamp with time zone not null,
    primary key (account_id, operator_id)
);
