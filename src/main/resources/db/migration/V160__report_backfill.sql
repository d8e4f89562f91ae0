-- Accounts whose report facts are to be computed again in the background (io.atende.report.ReportBackfill), one row
-- per account: those whose tickets and chats predate the facts (every account present at this upgrade, where only
-- tickets and chats without facts are computed), a full recount an administrator asked for, or a move to another
-- time zone (every fact re-dated). The worker walks the account's tickets, then its chats, in id order, a small batch
-- per transaction, and records where it stopped (ticket_after, chat_after; null once that walk is done), so that it
-- resumes there after a restart. The node holding lease_owner until lease_until does the work; a new request resets
-- the walk and bumps generation, which tells a worker in the middle of a batch that its cursor is stale.
create table report_backfill (
    account_id   varchar(32) not null primary key,
    full_recount boolean     not null,
    ticket_after varchar(32),
    chat_after   varchar(32),
    requested_at timestamp with time zone not null,
    generation   integer     not null,
    lease_owner  varchar(64),
    lease_until  timestamp with time zone
);

insert into report_backfill (account_id, full_recount, ticket_after, chat_after, requested_at, generation)
select id, false, '', '', current_timestamp, 1 from account;
