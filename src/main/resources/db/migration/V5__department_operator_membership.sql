create table department_operator (
    account_id    varchar(32) not null,
    department_id varchar(32) not null,
    operator_id   varchar(32) not null,
    created_at    timestamp with time zone not null,
    primary key (account_id, department_id, operator_id),
    foreign key (account_id, department_id) references department (account_id, id),
    foreign key (account_id, operator_id) references operator (account_id, id) on delete cascade
);
create index department_operator_by_operator_idx on department_operator (account_id, operator_id);
