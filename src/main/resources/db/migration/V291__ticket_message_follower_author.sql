-- Who wrote a ticket's message when it was not the ticket's customer but one of its followers answering by e-mail:
-- the message is a customer-side message, and this row says whose.
create table ticket_message_author (
    account_id  varchar(32)  not null,
    message_id  varchar(32)  not null,
    ticket_id   varchar(32)  not null,
    email       varchar(320) not null,
    customer_id varchar(32),
    primary key (account_id, message_id)
);
create index ticket_message_author_ticket on ticket_message_author (account_id, ticket_id);
create index ticket_message_author_customer on ticket_message_author (account_id, customer_id);
