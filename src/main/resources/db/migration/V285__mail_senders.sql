-- Who an account's mail comes from, and optionally the account's own SMTP server (its password sealed with the
-- installation's key). A blank address means the installation's ATENDE_SMTP_FROM; no host means the installation's server.
create table mail_account_sender (
    account_id    varchar(32)              not null primary key,
    from_address  varchar(320),
    from_name     varchar(200),
    smtp_host     varchar(253),
    smtp_port     integer,
    smtp_security varchar(16),
    smtp_username varchar(320),
    smtp_password varchar(2000),
    updated_at    timestamp with time zone not null
);

-- A department's own sender, which wins over the account's for the mail of its tickets.
create table mail_department_sender (
    account_id    varchar(32)              not null,
    department_id varchar(32)              not null,
    from_address  varchar(320)             not null,
    from_name     varchar(200),
    updated_at    timestamp with time zone not null,
    primary key (account_id, department_id)
);

-- DKIM keys, one per account and sender domain; the private key sealed, the public one kept for the DNS record.
create table mail_dkim_key (
    account_id  varchar(32)              not null,
    domain      varchar(253)             not null,
    selector    varchar(63)              not null,
    private_key varchar(8000)            not null,
    public_key  varchar(2000)            not null,
    created_at  timestamp with time zone not null,
    primary key (account_id, domain)
);

-- The sender chosen when a message was queued (null: the installation's, as for messages queued before).
alter table mail_message add column from_address varchar(320);
alter table mail_message add column from_name varchar(200);
