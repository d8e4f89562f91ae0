-- When each operator last had the chat desk open: the widget offers a chat while someone of the
-- department was there recently, and "leave a message" (a ticket) otherwise.
create table chat_operator_presence (
    account_id  varchar(32) not null references account (id),
    operator_id varchar(32) not null,
    seen_at     timestamp with time zone not null,
    primary key (account_id, operator_id)
);
create index chat_operator_presence_seen on chat_operator_presence (account_id, seen_at);
