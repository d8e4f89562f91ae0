-- Report facts now count a merge as a merge, not as a finish with a resolution time: the accounts that merged
-- tickets have their facts computed again (a full recount, which the report backfill worker runs).
update report_backfill set full_recount = true, ticket_after = '', chat_after = '', requested_at = current_timestamp,
       generation = generation + 1
 where account_id in (select distinct account_id from ticket where merged_into_ticket_id is not null);

insert into report_backfill (account_id, full_recount, ticket_after, chat_after, requested_at, generation)
select distinct t.account_id, true, '', '', current_timestamp, 1
  from ticket t
 where t.merged_into_ticket_id is not null
   and not exists (select 1 from report_backfill b where b.account_id = t.account_id);
