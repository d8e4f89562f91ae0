-- Secrets at rest are sealed with the installation's key (AES-GCM; io.atende.platform.SecretBox): the sealed form
-- (prefix, key id, nonce, ciphertext and tag in base64) is about 4/3 of the secret plus 60 characters, so the columns
-- that hold them grow. The values themselves are sealed by every start (SealedSecrets), which also seals again those
-- of the previous key after a rotation.
alter table webhook_subscription alter column secret set data type varchar(500);
alter table mail_mailbox alter column password set data type varchar(2000);
alter table mail_mailbox alter column access_token set data type varchar(6000);
alter table operator_two_factor alter column secret set data type varchar(200);
