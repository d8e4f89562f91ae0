-- Ticket counts kept in the transaction of every ticket write, so that a list's or a queue's count adds up a few
-- hundred tally rows instead of counting hundreds of thousands of tickets. Two narrow tallies rather than one wide
-- one: a row per combination of all the list's filters would number in the tens of thousands per account.
--
-- Every ticket, by department, situation, operator and priority ('' stands for no operator: the columns form the
-- primary key, and a key column cannot hold null).
create table ticket_tally (
    account_id    varchar(32) not null,
    department_id varchar(32) not null,
    situation     integer     not null,
    operator_id   varchar(32) not null,
    priority      integer     not null,
    tickets       bigint      not null,
    primary key (account_id, department_id, situation, operator_id, priority)
);

-- Only the tickets that are in a custom status, by status, department and situation (the status queues).
create table ticket_status_tally (
    account_id    varchar(32) not null,
    status_id     varchar(32) not null,
    department_id varchar(32) not null,
    situation     integer     not null,
    tickets       bigint      not null,
    primary key (account_id, status_id, department_id, situation)
);

insert into ticket_tally (account_id, department_id, situation, operator_id, priority, tickets)
select account_id, department_id, situation, coalesce(operator_id, ''), priority, count(*)
from ticket
group by account_id, department_id, situation, coalesce(operator_id, ''), priority;

insert into ticket_status_tally (account_id, status_id, department_id, situation, tickets)
select account_id, status_id, department_id, situation, count(*)
from ticket
where status_id is not null
group by account_id, status_id, department_id, situation;
