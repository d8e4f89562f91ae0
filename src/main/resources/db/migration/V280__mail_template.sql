-- An account's own words for a kind of e-mail in one language; without a row, Atende's built-in message is sent.
create table mail_template (
    account_id varchar(32)   not null,
    kind       varchar(40)   not null,
    language   varchar(8)    not null,
    subject    varchar(250)  not null,
    body_text  varchar(20000) not null,
    body_html  varchar(40000) not null,
    updated_at timestamp with time zone not null,
    primary key (account_id, kind, language)
);
