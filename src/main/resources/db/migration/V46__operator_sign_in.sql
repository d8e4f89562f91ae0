-- Console sign-in: consecutive failures lock an operator out for a while; the language is the
-- operator's choice for the console (null: the installation default, Brazilian Portuguese).
alter table operator add column failed_sign_ins integer not null default 0;
alter table operator add column locked_until timestamp with time zone;
alter table operator add column language varchar(5);

-- Operators sign in with their e-mail alone, before the account is known (like api_token's hash,
-- this lookup cannot start with account_id).
create index operator_sign_in_idx on operator (email_key);
