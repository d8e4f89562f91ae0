-- The secret an account's website signs its signed-in visitors' e-mail addresses with (HMAC-SHA256),
-- so that a widget chat binds to the stored customer only when the site vouches for the address.
-- Kept as given (not hashed): the administrator copies it to the website's backend.
create table portal_widget_identity (
    account_id varchar(32)  not null references account (id),
    secret     varchar(100) not null,
    created_at timestamp with time zone not null,
    primary key (account_id)
);
