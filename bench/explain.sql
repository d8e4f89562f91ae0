-- Plans of the slow /ticket/list queries, in the form TicketRepository.list builds them.
-- psql -h 127.0.0.1 -U postgres -d <bench db> -v account=<account id> -v department=<department id> -f bench/explain.sql
-- (both ids are in bench/target/run/fixture.properties; the search words there too)
\timing on
-- search, common word: count
explain (analyze, buffers) select count(*) from ticket t
 where t.account_id = :'account' and to_tsvector('simple', t.search_text) @@ to_tsquery('simple', 'losovi:*');
-- search, rare word: first page
explain (analyze, buffers) select t.id, t.protocol, m.body from ticket t
  join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0
 where t.account_id = :'account' and to_tsvector('simple', t.search_text) @@ to_tsquery('simple', 'sennomo:*')
 order by t.protocol desc limit 50 offset 0;
-- default order: count, then page 11
explain (analyze, buffers) select count(*) from ticket t where t.account_id = :'account';
explain (analyze, buffers) select t.id, t.protocol, m.body from ticket t
  join ticket_message m on m.account_id = t.account_id and m.ticket_id = t.id and m.position = 0
 where t.account_id = :'account' order by t.protocol desc limit 50 offset 500;
-- department + finished: count
explain (analyze, buffers) select count(*) from ticket t
 where t.account_id = :'account' and t.department_id = :'department' and t.situation in (5);
