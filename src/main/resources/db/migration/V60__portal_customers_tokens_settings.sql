-- The customer portal's own data. Portal credentials live here, never on the customer record the
-- API shows: a customer the operators invited has a row; the password hash is set through a link.
create table portal_customer (
    account_id           varchar(32)  not null references account (id),
    customer_id          varchar(32)  not null,
    password_hash        varchar(200),
    organization_manager boolean      not null default false,
    failed_sign_ins      integer      not null default 0,
    locked_until         timestamp with time zone,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    primary key (account_id, customer_id),
    foreign key (account_id, customer_id) references customer (account_id, id) on delete cascade
);

-- Invitation and password-reset links: only the SHA-256 of the secret is kept; a link works once,
-- until it expires. The link names the account, so lookups start with account_id.
create table portal_token (
    account_id  varchar(32) not null references account (id),
    token_hash  varchar(64) not null,
    customer_id varchar(32) not null,
    purpose     varchar(10) not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    created_at  timestamp with time zone not null,
    primary key (account_id, token_hash),
    foreign key (account_id, customer_id) references customer (account_id, id) on delete cascade
);
create index portal_token_customer_idx on portal_token (account_id, customer_id);

-- Per-account portal and widget settings; an account without a row has the defaults
-- (no self-registration, no other site may embed the widget, no logo).
create table portal_settings (
    account_id        varchar(32)   not null references account (id),
    self_registration boolean       not null,
    allowed_sites     varchar(4000) not null,
    logo_url          varchar(1000),
    updated_at        timestamp with time zone not null,
    primary key (account_id)
);

-- The chat widget's access to one chat: the widget carries the secret (no cookies on third-party
-- sites), the server keeps its SHA-256 and when it expires.
create table portal_widget_chat (
    account_id varchar(32) not null references account (id),
    chat_id    varchar(32) not null,
    token_hash varchar(64) not null,
    expires_at timestamp with time zone not null,
    created_at timestamp with time zone not null,
    primary key (account_id, chat_id),
    foreign key (account_id, chat_id) references chat (account_id, id) on delete cascade
);
