-- Metadata apart from content, so that lists never load the bytes.
create table attachment (
    account_id   varchar(32)  not null references account (id),
    id           varchar(32)  not null,
    owner_type   varchar(20)  not null,
    owner_id     varchar(32)  not null,
    position     integer      not null,
    name         varchar(250) not null,
    size         bigint       not null,
    content_type varchar(100) not null,
    sha256       varchar(64)  not null,
    created_at   timestamp with time zone not null,
    primary key (account_id, id)
);
create index attachment_owner_idx on attachment (account_id, owner_type, owner_id, position);

create table attachment_content (
    account_id varchar(32) not null,
    id         varchar(32) not null,
    content    bytea       not null,
    primary key (account_id, id),
    foreign key (account_id, id) references attachment (account_id, id)
);
