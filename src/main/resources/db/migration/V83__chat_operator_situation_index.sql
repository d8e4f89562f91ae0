-- The console's "my chats" lists an operator's chats in progress on every refresh of the chat desk
-- (every 4 seconds per open desk). The operator index alone would read all of the operator's past
-- chats to find the few in progress; with the situation next to it only those are read. It serves
-- everything chat_operator_idx served (same leading columns), so that one goes.
create index chat_operator_situation_idx on chat (account_id, operator_id, situation, protocol);
drop index chat_operator_idx;
