-- A ticket merged into another is finished and points to the ticket that carries on its conversation. Nullable
-- without a default: adding it rewrites nothing. Tickets merged into one are read from that ticket's history.
alter table ticket add column merged_into_ticket_id varchar(32);
