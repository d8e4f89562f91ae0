-- The colour that brands the account's public pages (the help center), as #rrggbb; null means the default.
alter table account add column accent_color varchar(7);
