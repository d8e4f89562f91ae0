-- The installation's secret that signs reply addresses is sealed with the installation's key like the other secrets
-- Atende reads back (V175); its sealed form needs more room. The startup step seals a value stored before this.
alter table mail_installation alter column reply_secret set data type varchar(300);
