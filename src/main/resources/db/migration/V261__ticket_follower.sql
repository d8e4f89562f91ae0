-- People copied on a ticket: they receive its replies by e-mail. An address, and the customer it belongs to when known.
create table ticket_follower (
    account_id  varchar(32)  not null,
    ticket_id   varchar(32)  not null,
    email       varchar(320) not null,
    customer_id varchar(32),
    created_at  timestamp with time zone not null,
    primary key (account_id, ticket_id, email)
);
create index ticket_follower_customer on ticket_follower (account_id, customer_id);
