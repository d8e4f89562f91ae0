-- The Message-IDs of the ticket's conversation a notification answers, oldest first, for its References header
-- (In-Reply-To keeps naming only the latest of them).
alter table mail_message add column message_references varchar(4000);
