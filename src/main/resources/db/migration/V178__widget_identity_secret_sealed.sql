-- The widget's identity-verification secret is sealed with the installation's key like the other secrets Atende
-- reads back (V175); its sealed form needs more room.
alter table portal_widget_identity alter column secret set data type varchar(300);
