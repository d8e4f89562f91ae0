-- The files of an operator's reply that go with its e-mail: attachment ids, comma-separated, read when the message is sent.
alter table mail_message add column attachment_ids varchar(1000);
