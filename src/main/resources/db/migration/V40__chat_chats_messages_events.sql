-- Live chats. Every change of a chat happens under its row lock (select ... for update), which is
-- also what makes last_event_seq hand out the per-chat event sequence in commit order.
create table chat (
    account_id                 varchar(32)  not null references account (id),
    id                         varchar(32)  not null,
    protocol                   bigint       not null,
    situation                  integer      not null,
    customer_id                varchar(32)  not null,
    department_id              varchar(32)  not null,
    operator_id                varchar(32),
    created_at                 timestamp with time zone not null,
    started_at                 timestamp with time zone,
    ended_at                   timestamp with time zone,
    last_customer_activity_at  timestamp with time zone not null,
    unread_messages            integer      not null,
    evaluation_grade           integer,
    evaluation_comment         varchar(1000),
    last_event_seq             bigint       not null,
    updated_at                 timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, customer_id) references customer (account_id, id),
    foreign key (account_id, department_id) references department (account_id, id)
);
create unique index chat_protocol_uk on chat (account_id, protocol);
create index chat_queue_idx on chat (account_id, situation, last_customer_activity_at);
create index chat_customer_idx on chat (account_id, customer_id);
create index chat_department_idx on chat (account_id, department_id);
create index chat_operator_idx on chat (account_id, operator_id);
create index chat_created_idx on chat (account_id, created_at);

-- Every operator a chat was ever linked to (accept and transfers), so that history keeps its people.
create table chat_operator (
    account_id  varchar(32) not null,
    chat_id     varchar(32) not null,
    operator_id varchar(32) not null,
    linked_at   timestamp with time zone not null,
    primary key (account_id, chat_id, operator_id),
    foreign key (account_id, chat_id) references chat (account_id, id)
);
create index chat_operator_operator_idx on chat_operator (account_id, operator_id);

create table chat_message (
    account_id  varchar(32)  not null,
    id          varchar(32)  not null,
    chat_id     varchar(32)  not null,
    seq         bigint       not null,
    sender_type varchar(1)   not null,
    sender_id   varchar(32),
    sender_name varchar(250),
    body        text         not null,
    mimetype    varchar(20)  not null,
    created_at  timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, chat_id) references chat (account_id, id)
);
create unique index chat_message_seq_uk on chat_message (account_id, chat_id, seq);

-- The append-only log a live stream reads: a message (message_id) or a situation change.
create table chat_event (
    account_id    varchar(32) not null,
    chat_id       varchar(32) not null,
    seq           bigint      not null,
    kind          varchar(20) not null,
    message_id    varchar(32),
    situation     integer     not null,
    operator_id   varchar(32),
    department_id varchar(32) not null,
    created_at    timestamp with time zone not null,
    primary key (account_id, chat_id, seq),
    foreign key (account_id, chat_id) references chat (account_id, id)
);
