-- Each message read from a mailbox as it came (RFC 5322 bytes), for admins to download from the inbound log; kept for
-- atende.mail.inbound.raw-retention and then deleted by the mailbox poller.
create table mail_inbound_raw (
    account_id  varchar(32)  not null references account (id),
    inbound_id  varchar(32)  not null,
    content     bytea        not null,
    received_at timestamp with time zone not null,
    primary key (account_id, inbound_id)
);
create index mail_inbound_raw_age_idx on mail_inbound_raw (account_id, received_at);
