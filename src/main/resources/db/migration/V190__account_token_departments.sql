-- The departments an API token is limited to (comma-separated ids), or null for every department: such a token sees
-- only those departments' tickets and chats. Read with the token's row, never searched.
alter table api_token add column department_ids varchar(4000);
