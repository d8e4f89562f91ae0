-- The pruning of old trigger runs and remembered automation hits reads each account's oldest rows: bounded range
-- scans on these, never a pass over the whole table.
create index automation_trigger_run_ran_ix on automation_trigger_run (account_id, ran_at);
create index automation_rule_hit_acted_ix on automation_rule_hit (account_id, acted_at);
