-- How many tickets share each combination of the list's equality filters, kept in the transaction of every ticket
-- write, so that a list's or a queue's count reads a few hundred tally rows instead of counting hundreds of
-- thousands of tickets. Empty string stands for "none" (no status, category or operator): the columns form the
-- primary key, and a key column cannot hold null.
create table ticket_tally (
    account_id    varchar(32) not null,
    department_id varchar(32) not null,
    situation     integer     not null,
    operator_id   varchar(32) not null,
    priority      integer     not null,
    status_id     varchar(32) not null,
    category_id   varchar(32) not null,
    tickets       bigint      not null,
    primary key (account_id, department_id, situation, operator_id, priority, status_id, category_id)
);

insert into ticket_tally (account_id, department_id, situation, operator_id, priority, status_id, category_id, tickets)
select account_id, department_id, situation, coalesce(operator_id, ''), priority, coalesce(status_id, ''),
       coalesce(category_id, ''), count(*)
from ticket
group by account_id, department_id, situation, coalesce(operator_id, ''), priority, coalesce(status_id, ''),
         coalesce(category_id, '');
