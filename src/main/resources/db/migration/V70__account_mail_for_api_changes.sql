-- Whether ticket changes made through TomTicket's API send e-mail notifications. TomTicket's API
-- sends none, so integrations moved over from it expect silence: off unless the account opts in.
alter table account add column mail_for_api_changes boolean default false not null;
