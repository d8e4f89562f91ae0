-- Tickets of departments with automatic assignment that still need an operator. A row is written in the
-- transaction that opened or transferred the ticket and removed when the ticket is assigned (or no longer needs
-- it); check_after is when a worker next looks at it (at once for new rows, later when nobody could take it).
create table assignment_waiting (
    account_id    varchar(32) not null references account (id),
    ticket_id     varchar(32) not null,
    department_id varchar(32) not null,
    queued_at     timestamp with time zone not null,
    check_after   timestamp with time zone not null,
    primary key (account_id, ticket_id)
);
create index assignment_waiting_department on assignment_waiting (account_id, department_id, queued_at);
-- Scanned across accounts by the assignment worker of every node.
create index assignment_waiting_due on assignment_waiting (check_after);

-- One row per department that automatic assignment has served: its row lock serializes the assignments of the
-- department across nodes, last_operator_id is the round-robin cursor, and nudged says that something that may
-- let a waiting ticket through (an operator online, a ticket finished) happened since the last look.
create table assignment_cursor (
    account_id       varchar(32) not null references account (id),
    department_id    varchar(32) not null,
    last_operator_id varchar(32),
    nudged           boolean     not null,
    primary key (account_id, department_id)
);
-- Scanned across accounts by the assignment worker of every node.
create index assignment_cursor_nudged on assignment_cursor (nudged);
