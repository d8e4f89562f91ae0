-- A ticket row carries its current state; history (messages, links, statuses, stopwatch) lives in child tables.
create table ticket (
    account_id         varchar(32)  not null references account (id),
    id                 varchar(32)  not null,
    protocol           bigint       not null,
    subject            varchar(250) not null,
    ticket_type        varchar(1)   not null,
    priority           integer      not null,
    customer_id        varchar(32)  not null,
    department_id      varchar(32)  not null,
    category_id        varchar(32),
    operator_id        varchar(32),
    parent_ticket_id   varchar(32),
    situation          integer      not null,
    situation_at       timestamp with time zone not null,
    status_id          varchar(32),
    status_at          timestamp with time zone,
    work_time          bigint       not null,
    reopened           boolean      not null,
    message_count      integer      not null,
    evaluation_grade   integer,
    evaluation_solved  varchar(1),
    evaluation_comment varchar(4096),
    evaluated_at       timestamp with time zone,
    -- the distinct lower-cased, accent-free words of the subject and every message, for search
    search_text        text         not null,
    created_at         timestamp with time zone not null,
    first_reply_at     timestamp with time zone,
    end_at             timestamp with time zone,
    updated_at         timestamp with time zone not null,
    primary key (account_id, id)
);
create unique index ticket_protocol_uk on ticket (account_id, protocol);
create index ticket_situation_idx on ticket (account_id, situation, protocol);
create index ticket_customer_idx on ticket (account_id, customer_id, protocol);
create index ticket_department_idx on ticket (account_id, department_id, protocol);
create index ticket_category_idx on ticket (account_id, category_id);
create index ticket_operator_idx on ticket (account_id, operator_id, protocol);
create index ticket_status_idx on ticket (account_id, status_id);
create index ticket_created_idx on ticket (account_id, created_at, id);
create index ticket_updated_idx on ticket (account_id, updated_at, id);
create index ticket_parent_idx on ticket (account_id, parent_ticket_id);

-- Opening message, replies, internal comments and finish/cancel/reopen messages, in one total order per ticket.
create table ticket_message (
    account_id  varchar(32) not null references account (id),
    id          varchar(32) not null,
    ticket_id   varchar(32) not null,
    position    integer     not null,
    kind        varchar(10) not null,
    operator_id varchar(32),
    body        text        not null,
    html        boolean     not null,
    created_at  timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, ticket_id) references ticket (account_id, id)
);
create unique index ticket_message_position_uk on ticket_message (account_id, ticket_id, position);

-- Every operator a ticket was ever linked to: what keeps an operator from deletion.
create table ticket_operator_link (
    account_id  varchar(32) not null references account (id),
    ticket_id   varchar(32) not null,
    operator_id varchar(32) not null,
    linked_at   timestamp with time zone not null,
    primary key (account_id, ticket_id, operator_id),
    foreign key (account_id, ticket_id) references ticket (account_id, id)
);
create index ticket_operator_link_operator_idx on ticket_operator_link (account_id, operator_id);

create table ticket_status_history (
    account_id        varchar(32) not null references account (id),
    id                varchar(32) not null,
    ticket_id         varchar(32) not null,
    status_id         varchar(32) not null,
    start_at          timestamp with time zone not null,
    start_comment     varchar(4096),
    start_operator_id varchar(32),
    end_at            timestamp with time zone,
    end_operator_id   varchar(32),
    primary key (account_id, id),
    foreign key (account_id, ticket_id) references ticket (account_id, id),
    foreign key (account_id, status_id) references ticket_status (account_id, id)
);
create index ticket_status_history_ticket_idx on ticket_status_history (account_id, ticket_id, start_at);
create index ticket_status_history_status_idx on ticket_status_history (account_id, status_id);

create table ticket_stopwatch (
    account_id  varchar(32) not null references account (id),
    id          varchar(32) not null,
    ticket_id   varchar(32) not null,
    operator_id varchar(32),
    start_at    timestamp with time zone not null,
    end_at      timestamp with time zone not null,
    seconds     bigint      not null,
    primary key (account_id, id),
    foreign key (account_id, ticket_id) references ticket (account_id, id)
);
create index ticket_stopwatch_ticket_idx on ticket_stopwatch (account_id, ticket_id, start_at);

create table ticket_tag (
    account_id varchar(32) not null references account (id),
    ticket_id  varchar(32) not null,
    tag_key    varchar(50) not null,
    tag        varchar(50) not null,
    created_at timestamp with time zone not null,
    primary key (account_id, ticket_id, tag_key),
    foreign key (account_id, ticket_id) references ticket (account_id, id)
);

-- Custom field values: phase O at opening, F at finish, E with the evaluation.
create table ticket_field_value (
    account_id varchar(32)   not null references account (id),
    ticket_id  varchar(32)   not null,
    phase      varchar(1)    not null,
    field_id   varchar(32)   not null,
    position   integer       not null,
    label      varchar(250)  not null,
    field_value varchar(4096) not null,
    primary key (account_id, ticket_id, phase, field_id),
    foreign key (account_id, ticket_id) references ticket (account_id, id)
);
