-- A customer's e-mail address that a mail server refused for good (a hard bounce, or a 5xx to RCPT when sending):
-- no mail goes to it until an operator clears the mark or the address changes. email_key is the address that
-- bounced, so a mark never outlives a change of address.
create table customer_undeliverable_email (
    account_id  varchar(32)   not null,
    customer_id varchar(32)   not null,
    email_key   varchar(250)  not null,
    reason      varchar(500)  not null,
    marked_at   timestamp with time zone not null,
    primary key (account_id, customer_id),
    foreign key (account_id, customer_id) references customer (account_id, id) on delete cascade
);
create index customer_undeliverable_email_key_idx on customer_undeliverable_email (account_id, email_key);
