-- Saved views of the console's ticket queues: a name and the queue's filter as its query string, either one
-- operator's own (operator_id) or shared with the account (operator_id null). An operator's views go with them.
create table ticket_saved_view (
    account_id  varchar(32)  not null references account (id),
    id          varchar(32)  not null,
    operator_id varchar(32),
    name        varchar(80)  not null,
    filter      varchar(2000) not null,
    created_by  varchar(32)  not null,
    created_at  timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, operator_id) references operator (account_id, id) on delete cascade
);
create index ticket_saved_view_owner_idx on ticket_saved_view (account_id, operator_id, name);

-- Lists sorted by priority (highest first, then by protocol) read their page's keys from this index.
create index ticket_priority_idx on ticket (account_id, priority, protocol);
