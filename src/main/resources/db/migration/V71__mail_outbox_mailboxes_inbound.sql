-- The e-mail channel: the outbox of messages to send over SMTP with the log of every attempt,
-- the account's mailboxes read over IMAP, and every message read from them.

-- One message to one recipient, rendered when it was queued (a later change to the ticket or the
-- templates does not alter it). message_id is our Message-ID header, which replies quote back.
create table mail_message (
    account_id      varchar(32)   not null references account (id),
    id              varchar(32)   not null,
    kind            varchar(32)   not null,
    ticket_id       varchar(32),
    recipient       varchar(320)  not null,
    reply_to        varchar(320),
    subject         varchar(1000) not null,
    text_body       text          not null,
    html_body       text,
    message_id      varchar(250)  not null,
    in_reply_to     varchar(250),
    auto_submitted  boolean       not null,
    status          varchar(16)   not null,
    attempts        integer       not null,
    next_attempt_at timestamp with time zone not null,
    claim_token     varchar(32),
    last_error      varchar(500),
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone,
    primary key (account_id, id)
);
-- The dispatcher's queue spans every account, so this index cannot start with account_id.
create index mail_message_due_idx on mail_message (status, next_attempt_at);
create index mail_message_list_idx on mail_message (account_id, created_at, id);
create index mail_message_status_idx on mail_message (account_id, status, created_at);
create index mail_message_header_idx on mail_message (account_id, message_id);
create index mail_message_recipient_idx on mail_message (account_id, recipient, created_at);

create table mail_attempt (
    account_id   varchar(32) not null references account (id),
    id           varchar(32) not null,
    message_id   varchar(32) not null,
    attempted_at timestamp with time zone not null,
    duration_ms  integer     not null,
    error        varchar(500),
    node         varchar(64) not null,
    primary key (account_id, id),
    foreign key (account_id, message_id) references mail_message (account_id, id)
);
create index mail_attempt_message_idx on mail_attempt (account_id, message_id, attempted_at);

-- A department's mailbox. password and access_token are secrets: written, never read back out.
-- lease_owner/lease_until make one node at a time read a mailbox; last_uid (with uid_validity)
-- is how far it has been read.
create table mail_mailbox (
    account_id       varchar(32)  not null references account (id),
    id               varchar(32)  not null,
    department_id    varchar(32)  not null,
    address          varchar(320) not null,
    host             varchar(253) not null,
    port             integer      not null,
    security         varchar(16)  not null,
    username         varchar(320) not null,
    password         varchar(1000),
    access_token     varchar(4000),
    folder           varchar(200) not null,
    create_customers boolean      not null,
    active           boolean      not null,
    uid_validity     bigint,
    last_uid         bigint       not null,
    next_poll_at     timestamp with time zone not null,
    lease_owner      varchar(64),
    lease_until      timestamp with time zone,
    last_polled_at   timestamp with time zone,
    last_error       varchar(500),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, department_id) references department (account_id, id)
);
create unique index mail_mailbox_address_idx on mail_mailbox (account_id, address);
-- Every node looks for due mailboxes of all accounts, so this index cannot start with account_id.
create index mail_mailbox_due_idx on mail_mailbox (next_poll_at);

-- Every message read, whatever became of it. message_key is the Message-ID header (or, without
-- one, the mailbox and IMAP UID): its uniqueness is what makes a message count once, even when
-- two nodes or two mailboxes of the account see it.
create table mail_inbound (
    account_id   varchar(32)   not null references account (id),
    message_key  varchar(300)  not null,
    id           varchar(32)   not null,
    mailbox_id   varchar(32)   not null,
    message_id   varchar(250),
    sender       varchar(320),
    subject      varchar(1000),
    outcome      varchar(32)   not null,
    ticket_id    varchar(32),
    detail       varchar(500),
    received_at  timestamp with time zone not null,
    primary key (account_id, message_key)
);
create index mail_inbound_sender_idx on mail_inbound (account_id, sender, received_at);
create index mail_inbound_list_idx on mail_inbound (account_id, received_at);
create index mail_inbound_header_idx on mail_inbound (account_id, message_id);

-- The installation's secret that signs reply addresses. Not tenant data: one row for the whole
-- installation, shared by every node, so it has no account_id.
create table mail_installation (
    id           integer      not null primary key,
    reply_secret varchar(100) not null
);
