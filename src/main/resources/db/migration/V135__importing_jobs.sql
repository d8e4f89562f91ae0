-- An import of an account's data from a TomTicket API v2.0 source. The job row is the queue: any node takes a running
-- job whose lease is free or expired (lease_owner, lease_until), works on it while renewing the lease, and records its
-- progress per kind (import_progress) as it goes, so that another node resumes where a dead one stopped. The source's
-- token is kept only while the job runs: it is cleared when the job ends.
create table import_job (
    account_id      varchar(32)   not null references account (id),
    id              varchar(32)   not null,
    source_url      varchar(2000) not null,
    source_token    varchar(500),
    include_kinds   varchar(200)  not null,
    rate            integer       not null,
    status          varchar(10)   not null,
    -- tickets updated at the source since then (the previous finished import's newest last_update): a delta run
    tickets_since   timestamp with time zone,
    -- the newest ticket last_update this job saw at the source, where the next import of the same source starts
    tickets_until   timestamp with time zone,
    failure         varchar(1000),
    created_at      timestamp with time zone not null,
    finished_at     timestamp with time zone,
    lease_owner     varchar(64),
    lease_until     timestamp with time zone,
    primary key (account_id, id)
);
create index import_job_account_created_idx on import_job (account_id, created_at);
-- the queue every node scans across accounts, like webhook deliveries and mail
create index import_job_status_lease_idx on import_job (status, lease_until);

-- Progress of one kind of object in a job: the next source page to read and the next item on it (a node that stops
-- mid-page leaves the items it did), and what came of the objects read so far.
create table import_progress (
    account_id  varchar(32) not null,
    job_id      varchar(32) not null,
    kind        varchar(20) not null,
    position    integer     not null,
    total       integer,
    imported    integer     not null,
    unchanged   integer     not null,
    failed      integer     not null,
    next_page   integer     not null,
    next_item   integer     not null,
    finished    boolean     not null,
    started_at  timestamp with time zone,
    updated_at  timestamp with time zone,
    primary key (account_id, job_id, kind),
    foreign key (account_id, job_id) references import_job (account_id, id)
);

-- An object the job could not import, with the reason; the job went on without it.
create table import_failure (
    account_id  varchar(32)   not null,
    job_id      varchar(32)   not null,
    id          varchar(32)   not null,
    kind        varchar(20)   not null,
    object_id   varchar(250),
    reason      varchar(1000) not null,
    occurred_at timestamp with time zone not null,
    primary key (account_id, job_id, id),
    foreign key (account_id, job_id) references import_job (account_id, id)
);
create index import_failure_job_idx on import_failure (account_id, job_id, occurred_at);
