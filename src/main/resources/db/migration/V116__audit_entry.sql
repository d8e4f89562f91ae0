-- The account's administration, append-only: who (actor kind, id and the name they had then, and the client
-- address the request came from) did what (action such as operator.created, on which subject), when, and the
-- subject's recorded fields before and after as JSON. Written in the transaction of the change; the code has no
-- statement that updates or deletes a row here, and entries are kept for as long as the account exists.
create table audit_entry (
    account_id     varchar(32)  not null references account (id),
    id             varchar(32)  not null,
    occurred_at    timestamp with time zone not null,
    actor_kind     varchar(10)  not null,
    actor_id       varchar(320),
    actor_name     varchar(320),
    client_address varchar(64),
    action         varchar(64)  not null,
    subject_type   varchar(32)  not null,
    subject_id     varchar(320),
    before_state   text,
    after_state    text,
    primary key (account_id, id)
);

create index audit_entry_by_time on audit_entry (account_id, occurred_at, id);
