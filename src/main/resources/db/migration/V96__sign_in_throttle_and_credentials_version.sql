-- Failed sign-ins are throttled per client address, per typed e-mail and per both, with growing
-- waits, instead of locking the account (which let anyone lock an operator out). A row counts one
-- key's failures; keys are SHA-256 digests so no typed address is stored. Sign-in happens before
-- an account is known (console) or for an account named by the visitor (portal), so rows belong
-- to an area ('console', 'portal'), not to an account.
create table sign_in_throttle (
    area            varchar(10) not null,
    throttle_key    varchar(80) not null,
    failures        integer     not null,
    last_failure_at timestamp with time zone not null,
    blocked_until   timestamp with time zone,
    primary key (area, throttle_key)
);
create index sign_in_throttle_age_idx on sign_in_throttle (last_failure_at);

alter table operator drop column failed_sign_ins;
alter table operator drop column locked_until;
alter table portal_customer drop column failed_sign_ins;
alter table portal_customer drop column locked_until;

-- Counts password changes: a session remembers the count it signed in with and ends when it moved
-- on, so changing or resetting a password ends every other session of that person.
alter table operator add column credentials_version integer not null default 0;
alter table portal_customer add column credentials_version integer not null default 0;
