-- Whether a customer hears at once that their new e-mail or portal ticket was received, and the account's own words for it.
create table mail_acknowledgement (
    account_id varchar(32)   not null primary key,
    enabled    boolean       not null,
    subject    varchar(250),
    body       varchar(4000)
);
