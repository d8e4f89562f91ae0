-- How a department's new tickets find an operator: by hand (MANUAL), ROUND_ROBIN or LEAST_OPEN, and how many
-- open tickets of the department automatic assignment gives one operator at most (null: no cap).
alter table department add column assignment varchar(16) default 'MANUAL' not null;
alter table department add column max_open_per_operator integer;
