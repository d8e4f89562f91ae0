-- The terms a customer is found by in /customer/list?search= (whole name, each word of it, e-mail address and
-- domain, internal id), folded to lower case without accents and stored as UTF-8 bytes. Byte order does not
-- depend on the database or its collation, so a prefix search is an index range scan on H2 and PostgreSQL alike
-- (a LIKE 'x%' on a text column only uses a PostgreSQL index under the C collation).
create table customer_search_term (
    account_id  varchar(32) not null,
    term        bytea       not null,
    customer_id varchar(32) not null,
    primary key (account_id, term, customer_id),
    foreign key (account_id, customer_id) references customer (account_id, id)
);
create index customer_search_term_customer_idx on customer_search_term (account_id, customer_id);
