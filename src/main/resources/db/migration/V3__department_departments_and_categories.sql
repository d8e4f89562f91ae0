create table department (
    account_id varchar(32)  not null references account (id),
    id         varchar(32)  not null,
    name       varchar(250) not null,
    name_key   varchar(250) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    primary key (account_id, id)
);
create unique index department_name_uk on department (account_id, name_key);

create table category (
    account_id    varchar(32)  not null,
    id            varchar(32)  not null,
    department_id varchar(32)  not null,
    name          varchar(250) not null,
    name_key      varchar(250) not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, department_id) references department (account_id, id)
);
create unique index category_name_uk on category (account_id, department_id, name_key);
