-- Knowledge base: ordered categories and their articles, each with a slug unique in the account
-- (the public pages are addressed by slugs: /kb/{category}/{article}).
create table kb_category (
    account_id  varchar(32)   not null references account (id),
    id          varchar(32)   not null,
    name        varchar(250)  not null,
    slug        varchar(120)  not null,
    description varchar(1000),
    position    integer       not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    primary key (account_id, id)
);
create unique index kb_category_slug_uk on kb_category (account_id, slug);
create index kb_category_position_idx on kb_category (account_id, position);

-- body: sanitized HTML (100,000 characters given; escaping may lengthen it). summary_given: false when the
-- summary was derived from the body, so that it follows the body when that changes.
create table kb_article (
    account_id    varchar(32)     not null,
    id            varchar(32)     not null,
    category_id   varchar(32)     not null,
    title         varchar(250)    not null,
    slug          varchar(120)    not null,
    summary       varchar(250)    not null,
    summary_given boolean         not null,
    body          varchar(1000000) not null,
    published     boolean         not null,
    views         bigint          not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    primary key (account_id, id),
    foreign key (account_id, category_id) references kb_category (account_id, id)
);
create unique index kb_article_slug_uk on kb_article (account_id, slug);
create index kb_article_recent_idx on kb_article (account_id, published, created_at);
create index kb_article_category_idx on kb_article (account_id, category_id, created_at);

-- The words of each article's title and body, folded (lower case, no accents) and stored as UTF-8 bytes, so
-- that "a word starting with x" is an index range scan on H2 and PostgreSQL alike, whatever the collation.
create table kb_article_term (
    account_id varchar(32) not null,
    term       bytea       not null,
    article_id varchar(32) not null,
    primary key (account_id, term, article_id),
    foreign key (account_id, article_id) references kb_article (account_id, id)
);
create index kb_article_term_article_idx on kb_article_term (account_id, article_id);

-- Who viewed an article in the last minute (a hash of address and user agent), so that a refresh is not
-- counted twice; rows older than a minute are deleted as new views arrive. In the database, not in memory,
-- so that it holds across nodes.
create table kb_article_view (
    account_id varchar(32) not null,
    article_id varchar(32) not null,
    visitor    varchar(64) not null,
    viewed_at  timestamp with time zone not null,
    primary key (account_id, article_id, visitor)
);
create index kb_article_view_age_idx on kb_article_view (account_id, viewed_at);
