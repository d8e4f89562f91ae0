-- Indexes for ticket list filters that are common together, so that both the page (newest first) and the
-- exact count of the list read only the matching index entries (index-only where the visibility map allows).
-- A department's tickets in one situation, by protocol (e.g. the finished tickets of a department).
create index ticket_department_situation_idx on ticket (account_id, department_id, situation, protocol);
-- An operator's tickets by priority, by last update (e.g. an operator's urgent tickets, most recently touched first).
create index ticket_operator_priority_idx on ticket (account_id, operator_id, priority, updated_at, id);
