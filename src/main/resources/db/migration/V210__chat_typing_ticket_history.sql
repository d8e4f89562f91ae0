-- Who is typing in a chat and until when: one row per chat and side (C customer, O operator), rewritten a few
-- times a minute while someone types and removed when their message is sent. Live streams read it beside the
-- event log, so the indicator crosses nodes without filling the log with transient events.
create table chat_typing (
    account_id   varchar(32) not null,
    chat_id      varchar(32) not null,
    party        varchar(1)  not null,
    typing_until timestamp with time zone not null,
    primary key (account_id, chat_id, party),
    foreign key (account_id, chat_id) references chat (account_id, id)
);

-- The ticket a chat was turned into; the ticket finds its chat through the index.
alter table chat add column ticket_id varchar(32);
create index chat_ticket_idx on chat (account_id, ticket_id);

-- The chat history lists ended chats newest first.
create index chat_situation_ended_idx on chat (account_id, situation, ended_at);

-- The words of the customers' and operators' messages, folded (lower case, no accents) and stored as UTF-8 bytes
-- so that a prefix search is an index range scan whatever the database collation (as customer_search_term).
create table chat_search_word (
    account_id varchar(32) not null,
    word       bytea       not null,
    chat_id    varchar(32) not null,
    primary key (account_id, word, chat_id),
    foreign key (account_id, chat_id) references chat (account_id, id)
);
create index chat_search_word_chat_idx on chat_search_word (account_id, chat_id);
