-- Every change to a ticket, in the order it happened: who made it (an operator, a customer, an API token, an
-- e-mail's sender, a rule or Atende itself, with the name they had then), which field, its old and new value in
-- domain terms (enum names, ids), when and through which channel. Written in the transaction of the change, under
-- the ticket's row lock, so seq numbers a ticket's changes without gaps or ties. Read by ticket, in order.
create table ticket_history (
    account_id  varchar(32)  not null references account (id),
    ticket_id   varchar(32)  not null,
    seq         integer      not null,
    occurred_at timestamp with time zone not null,
    actor_kind  varchar(10)  not null,
    actor_id    varchar(320),
    actor_name  varchar(320),
    field       varchar(20)  not null,
    -- the custom field a CUSTOM_FIELD entry is about
    field_ref   varchar(32),
    old_value   varchar(4096),
    new_value   varchar(4096),
    channel     varchar(10)  not null,
    primary key (account_id, ticket_id, seq)
);
