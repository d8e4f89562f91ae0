-- Each operator's signature: sanitized HTML the console appends to their replies to customers (never to internal
-- comments). One row per operator who wrote one.
create table operator_signature (
    account_id  varchar(32) not null references account (id),
    operator_id varchar(32) not null,
    body        text        not null,
    updated_at  timestamp with time zone not null,
    primary key (account_id, operator_id),
    foreign key (account_id, operator_id) references operator (account_id, id) on delete cascade
);

-- The reply an operator is writing on a ticket, saved as they type so that it survives a reload or another device;
-- deleted when the reply is sent or the operator discards it. Read by ticket and operator.
create table ticket_reply_draft (
    account_id  varchar(32) not null references account (id),
    ticket_id   varchar(32) not null,
    operator_id varchar(32) not null,
    body        text        not null,
    updated_at  timestamp with time zone not null,
    primary key (account_id, ticket_id, operator_id),
    foreign key (account_id, ticket_id) references ticket (account_id, id),
    foreign key (account_id, operator_id) references operator (account_id, id) on delete cascade
);
