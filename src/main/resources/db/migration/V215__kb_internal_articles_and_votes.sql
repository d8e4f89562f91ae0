-- Internal articles: for operators only, never on the public help center (its pages, search and suggestions).
alter table kb_article add column internal boolean default false not null;

-- "Was this helpful?": one vote per visitor (a random id in a cookie of the help center) and article; a visitor
-- who changes their mind changes their vote. The counts are read from these rows, grouped by article.
create table kb_article_vote (
    account_id varchar(32) not null,
    article_id varchar(32) not null,
    visitor    varchar(64) not null,
    helpful    boolean     not null,
    voted_at   timestamp with time zone not null,
    primary key (account_id, article_id, visitor),
    foreign key (account_id, article_id) references kb_article (account_id, id)
);
