-- When the customer's personal data was erased (LGPD/GDPR); erasure is refused a second time.
alter table customer add column anonymized_at timestamp with time zone;
