-- An operator's tickets most recently touched first (the console's "mine" by last update, /ticket/list with
-- operator_id and column=last_update): walked backwards, the first page is found in the index's first entries
-- whatever other filters (priority, situation) apply. The V81 index put priority before the update time, so a
-- priority list (3,4) could not be read in order and the planner walked the whole account's update index
-- instead (120 ms at 1M tickets). Its other use, counting an operator's tickets by priority, is now served by
-- ticket_tally (V82).
create index ticket_operator_updated_idx on ticket (account_id, operator_id, updated_at, id);
drop index ticket_operator_priority_idx;
