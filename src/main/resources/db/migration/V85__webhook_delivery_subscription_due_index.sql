-- The dispatcher claims due deliveries subscription by subscription: it lists the active, unpaused
-- subscriptions that have a due delivery (one probe of this index each) and takes each one's earliest
-- due deliveries from it in (next_attempt_at, seq) order. A claim therefore reads what it takes plus
-- one index probe per subscription, however many deliveries wait behind paused or disabled
-- subscriptions or behind a subject still being retried; walking webhook_delivery_due_idx, which spans
-- every account, read all of those on every claim. This one is a tenant index and starts with
-- account_id; webhook_delivery_due_idx stays for the queue-depth and oldest-due metrics, which do
-- span every account.
create index webhook_delivery_subscription_due_idx
    on webhook_delivery (account_id, subscription_id, status, next_attempt_at, seq);
