-- The console language of the account's operators who chose none themselves; Brazilian Portuguese
-- for every account, old or new, as before this column existed.
alter table account add column console_language varchar(10) default 'pt-BR' not null;
