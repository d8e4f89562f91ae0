create table custom_field (
    account_id    varchar(32)   not null references account (id),
    id            varchar(32)   not null,
    label         varchar(250)  not null,
    entity        varchar(20)   not null,
    field_type    varchar(20)   not null,
    options       varchar(4000),
    required      boolean       not null,
    department_id varchar(32),
    category_id   varchar(32),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, department_id) references department (account_id, id),
    foreign key (account_id, category_id) references category (account_id, id)
);
create index custom_field_entity_idx on custom_field (account_id, entity, created_at, id);

create table customer_custom_field_value (
    account_id  varchar(32)    not null,
    customer_id varchar(32)    not null,
    field_id    varchar(32)    not null,
    field_value varchar(10000) not null,
    primary key (account_id, customer_id, field_id),
    foreign key (account_id, customer_id) references customer (account_id, id),
    foreign key (account_id, field_id) references custom_field (account_id, id) on delete cascade
);
