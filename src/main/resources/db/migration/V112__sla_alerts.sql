-- SLA alerts: each target row carries when its warning falls due (warning_at: warning_percent of the budget counted;
-- null when the clock is paused before it, stopped or decided), which alerts were already published (warned_at,
-- breach_alerted_at, cleared when a next-reply clock starts a new cycle) and the instant of the next unpublished one
-- (next_alert_at), which the alert worker of any node looks up per account.
alter table sla_ticket_target add column warning_at timestamp with time zone;
alter table sla_ticket_target add column warned_at timestamp with time zone;
alter table sla_ticket_target add column breach_alerted_at timestamp with time zone;
alter table sla_ticket_target add column next_alert_at timestamp with time zone;
create index sla_ticket_target_alert_ix on sla_ticket_target (account_id, next_alert_at);
