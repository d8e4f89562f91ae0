package io.atende.bench;

import java.io.FileWriter;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills the oldest account of an Atende PostgreSQL database with N tickets and about five messages
 * each, through COPY into the application's own tables (the HTTP API would take hours). The
 * account, schema and admin token must already exist: the server creates them on first start.
 *
 * <p>Usage: {@code Generator <jdbc-url> <user> <tickets> <fixture-file>}. The fixture file records the ids
 * the load driver needs (a department, an operator, customers, the ticket with 50 replies, search words).
 */
public final class Generator {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx").withZone(ZoneOffset.UTC);
    private static final int BATCH = 5_000;
    private static final int[] SITUATION_WEIGHTS = {
            // code: 0 no operator, 1 not started, 2 awaiting customer, 3 awaiting operator, 4 cancelled, 5 finished, 6 operator changed
            5, 5, 10, 8, 10, 60, 2};
    private static final String[] TAGS = {"urgente", "financeiro", "boleto", "nota-fiscal", "login", "senha", "integracao", "api",
            "mobile", "relatorio", "bug", "sugestao", "cancelamento", "upgrade", "vip", "treinamento", "lentidao", "email",
            "whatsapp", "importacao"};

    private final Random random = new Random(42);
    private final Vocabulary vocabulary = new Vocabulary(new Random(7), 6_000);
    private final String accountId;
    private final CopyManager copy;
    private final Connection connection;
    private final Instant start;
    private final Instant end;

    private Generator(Connection connection, String accountId) throws SQLException {
        this.connection = connection;
        this.accountId = accountId;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.end = Instant.now().minusSeconds(3_600);
        this.start = end.minusSeconds(3L * 365 * 24 * 3_600);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: Generator <jdbc-url> <user> <tickets> <fixture-file>");
            System.exit(2);
        }
        int tickets = Integer.parseInt(args[2]);
        try (var connection = DriverManager.getConnection(args[0], args[1], "")) {
            String accountId;
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery("select id from account order by created_at limit 1")) {
                if (!rs.next()) {
                    throw new IllegalStateException("no account: start the server once on this database first");
                }
                accountId = rs.getString(1);
            }
            long began = System.nanoTime();
            var fixture = new Generator(connection, accountId).generate(tickets);
            fixture.setProperty("generation_seconds", String.format("%.1f", (System.nanoTime() - began) / 1e9));
            try (var out = new FileWriter(args[3])) {
                fixture.store(out, "written by io.atende.bench.Generator");
            }
            System.out.printf("generated %d tickets, %s messages in %s s%n", tickets, fixture.getProperty("messages"),
                    fixture.getProperty("generation_seconds"));
        }
    }

    private Properties generate(int ticketCount) throws SQLException, IOException {
        connection.setAutoCommit(false);
        String now = ts(end);
        int customerCount = Math.max(1_000, ticketCount / 50);

        var departments = new ArrayList<String>();
        var rows = new StringBuilder();
        for (int d = 0; d < 8; d++) {
            String id = newId();
            departments.add(id);
            String name = "Departamento " + (d + 1);
            row(rows, accountId, id, name, name.toLowerCase(), now, now);
        }
        copyIn("department (account_id, id, name, name_key, created_at, updated_at)", rows);

        var categories = new ArrayList<List<String>>();
        for (int d = 0; d < departments.size(); d++) {
            var ofDepartment = new ArrayList<String>();
            for (int c = 0; c < 3; c++) {
                String id = newId();
                ofDepartment.add(id);
                String name = "Categoria " + (d + 1) + "." + (c + 1);
                row(rows, accountId, id, departments.get(d), name, name.toLowerCase(), now, now);
            }
            categories.add(ofDepartment);
        }
        copyIn("category (account_id, id, department_id, name, name_key, created_at, updated_at)", rows);

        // 40 operators, each a member of two departments; ticket operators are drawn from the department's members.
        var operators = new ArrayList<String>();
        var membersByDepartment = new ArrayList<List<String>>();
        departments.forEach(d -> membersByDepartment.add(new ArrayList<>()));
        for (int o = 0; o < 40; o++) {
            String id = newId();
            operators.add(id);
            String email = "operador" + o + "@bench.atende.local";
            row(rows, accountId, id, "Operador " + vocabulary.name(random), email, email, null, "OPERATOR", "t", now, now);
        }
        copyIn("operator (account_id, id, name, email, email_key, password_hash, role, active, created_at, updated_at)", rows);
        for (int o = 0; o < operators.size(); o++) {
            for (int d : new int[] {o % departments.size(), (o + 3) % departments.size()}) {
                row(rows, accountId, departments.get(d), operators.get(o), now);
                membersByDepartment.get(d).add(operators.get(o));
            }
        }
        copyIn("department_operator (account_id, department_id, operator_id, created_at)", rows);

        var statuses = new ArrayList<String>();
        for (String name : new String[] {"Aguardando fornecedor", "Em análise", "Agendado", "Em desenvolvimento", "Aguardando pagamento"}) {
            String id = newId();
            statuses.add(id);
            row(rows, accountId, id, name, name.toLowerCase(), now, now);
        }
        copyIn("ticket_status (account_id, id, name, name_key, created_at, updated_at)", rows);

        var customers = new String[customerCount];
        for (int c = 0; c < customerCount; c++) {
            customers[c] = newId();
            String email = "cliente" + c + "@exemplo" + (c % 97) + ".com.br";
            row(rows, accountId, customers[c], "C" + c, vocabulary.name(random) + " " + vocabulary.name(random), email, email,
                    null, null, null, null, "t", "t", "t", "t", "pt-BR", now, now);
            if (rows.length() > 4_000_000) {
                copyIn(CUSTOMER_COLUMNS, rows);
            }
        }
        copyIn(CUSTOMER_COLUMNS, rows);
        connection.commit();

        // Secondary indexes (the GIN one above all) are cheaper to build once than to maintain row by row.
        var dropped = dropSecondaryIndexes();

        // The detail scenario's ticket: an opening message and 50 replies.
        int detailProtocol = ticketCount / 2 + 1;
        var tickets = new StringBuilder();
        var messages = new StringBuilder();
        var links = new StringBuilder();
        var tags = new StringBuilder();
        long messageTotal = 0;
        String detailTicket = null;
        long span = end.getEpochSecond() - start.getEpochSecond();
        long began = System.nanoTime();
        Set<String> accountWords = new HashSet<>();
        for (int p = 1; p <= ticketCount; p++) {
            String id = newId();
            Instant created = start.plusSeconds(span * (p - 1) / ticketCount + random.nextInt(60));
            int d = skewed(departments.size());
            String department = departments.get(d);
            String category = random.nextInt(10) < 7 ? categories.get(d).get(random.nextInt(3)) : null;
            int situation = situation();
            var members = membersByDepartment.get(d);
            String operator = situation == 0 ? null : members.get(random.nextInt(members.size()));
            String status = situation != 4 && situation != 5 && random.nextInt(5) == 0 ? statuses.get(random.nextInt(statuses.size())) : null;
            int priority = new int[] {1, 2, 2, 2, 2, 2, 3, 3, 4, 2}[random.nextInt(10)];
            String customer = customers[skewed(customers.length)];
            String subject = vocabulary.sentence(random, 4 + random.nextInt(7));

            int messageCount = p == detailProtocol ? 51 : messageCount();
            Set<String> words = new LinkedHashSet<>(Vocabulary.words(subject));
            Instant at = created;
            for (int m = 0; m < messageCount; m++) {
                String kind = m == 0 ? "OPENING" : operator == null ? "CUSTOMER" : (m % 2 == 1 ? "OPERATOR" : "CUSTOMER");
                if (m > 0 && random.nextInt(12) == 0 && operator != null) {
                    kind = "COMMENT";
                }
                if (m == messageCount - 1 && m > 0 && (situation == 4 || situation == 5)) {
                    kind = situation == 5 ? "FINISH" : "CANCEL";
                }
                String body = vocabulary.body(random);
                words.addAll(Vocabulary.words(body));
                at = at.plusSeconds(60 + random.nextInt(6 * 3_600));
                row(messages, accountId, newId(), id, Integer.toString(m), kind,
                        kind.equals("OPENING") || kind.equals("CUSTOMER") ? null : operator, body, "f", ts(at));
            }
            messageTotal += messageCount;
            if (p == detailProtocol) {
                detailTicket = id;
            }
            String searchText = searchText(words);
            accountWords.addAll(words);
            Instant updated = at;
            Instant situationAt = updated;
            String endAt = situation == 4 || situation == 5 ? ts(updated) : null;
            String firstReply = messageCount > 1 && operator != null ? ts(created.plusSeconds(600)) : null;
            row(tickets, accountId, id, Integer.toString(p), subject, "E", Integer.toString(priority), customer, department,
                    category, operator, null, Integer.toString(situation), ts(situationAt), status, status == null ? null : ts(updated),
                    "0", "f", Integer.toString(messageCount), searchText, ts(created), firstReply, endAt, ts(updated));
            if (operator != null) {
                row(links, accountId, id, operator, ts(created));
            }
            if (random.nextInt(10) < 3) {
                int first = random.nextInt(TAGS.length);
                row(tags, accountId, id, TAGS[first], TAGS[first], ts(created));
                if (random.nextBoolean()) {
                    int second = (first + 1 + random.nextInt(TAGS.length - 1)) % TAGS.length;
                    row(tags, accountId, id, TAGS[second], TAGS[second], ts(created));
                }
            }
            if (p % BATCH == 0 || p == ticketCount) {
                copyIn(TICKET_COLUMNS, tickets);
                copyIn("ticket_message (account_id, id, ticket_id, position, kind, operator_id, body, html, created_at)", messages);
                copyIn("ticket_operator_link (account_id, ticket_id, operator_id, linked_at)", links);
                copyIn("ticket_tag (account_id, ticket_id, tag_key, tag, created_at)", tags);
                connection.commit();
                if (p % (BATCH * 20) == 0) {
                    System.out.printf("  %d tickets, %d messages, %.0f tickets/s%n", p, messageTotal, p / ((System.nanoTime() - began) / 1e9));
                }
            }
        }
        // New tickets continue after the generated ones.
        try (var statement = connection.prepareStatement("""
                insert into protocol_counter (account_id, kind, last_value) values (?, 'ticket', ?)
                on conflict (account_id, kind) do update set last_value = excluded.last_value""")) {
            statement.setString(1, accountId);
            statement.setLong(2, ticketCount);
            statement.executeUpdate();
        }
        // The list counts read the tallies the server keeps on every ticket write (migration V82); COPY bypasses
        // the server, so the generated tickets are tallied here, the way the migration tallies existing ones.
        for (String tally : List.of("""
                insert into ticket_tally (account_id, department_id, situation, operator_id, priority, tickets)
                select account_id, department_id, situation, coalesce(operator_id, ''), priority, count(*)
                from ticket where account_id = ?
                group by account_id, department_id, situation, coalesce(operator_id, ''), priority""", """
                insert into ticket_status_tally (account_id, status_id, department_id, situation, tickets)
                select account_id, status_id, department_id, situation, count(*)
                from ticket where account_id = ? and status_id is not null
                group by account_id, status_id, department_id, situation""")) {
            try (var statement = connection.prepareStatement(tally)) {
                statement.setString(1, accountId);
                statement.executeUpdate();
            }
        }
        // The account's word list (migration V86), which search expands prefixes with, parsed as the server does.
        try (var statement = connection.prepareStatement("""
                insert into ticket_word (account_id, word)
                select ?, unnest(tsvector_to_array(to_tsvector('simple', ?)))""")) {
            statement.setString(1, accountId);
            statement.setString(2, String.join(" ", accountWords));
            statement.executeUpdate();
        }
        // The reports read the facts the server keeps on every ticket write (migration V130); COPY bypasses the
        // server, so each generated ticket's facts are derived here: its opening, first reply, finish or
        // cancellation, work and open stretch, in calendar time (the generated account has no SLA policy).
        try (var statement = connection.prepareStatement("""
                with t as (
                    select t.*, a.time_zone as zone from ticket t join account a on a.id = t.account_id where t.account_id = ?
                ), f as (
                    select t.*, k.kind, k.seq, k.at from t cross join lateral (values
                        ('CREATED', 1, t.created_at),
                        ('FIRST_REPLY', 2, t.first_reply_at),
                        (case t.situation when 5 then 'FINISHED' when 4 then 'CANCELLED' end, 3,
                         case when t.situation in (4, 5) then t.end_at end),
                        ('OPEN', 4, t.created_at),
                        ('WORK', 5, case when t.situation = 5 and t.work_time > 0 then t.end_at end)
                    ) as k(kind, seq, at) where k.kind is not null and k.at is not null
                )
                insert into report_ticket_fact (account_id, ticket_id, seq, kind, occurred_at, on_day, on_week, on_month, ended_day,
                                                department_id, operator_id, category_id, channel, author_id, seconds, sla_met,
                                                grade, solved, work_seconds)
                select account_id, id, seq, kind, at, (at at time zone zone)::date,
                       date_trunc('week', at at time zone zone)::date, date_trunc('month', at at time zone zone)::date,
                       case when kind = 'OPEN' and situation in (4, 5) then (end_at at time zone zone)::date end,
                       department_id, coalesce(operator_id, ''), coalesce(category_id, ''), 'API',
                       case when kind = 'WORK' then coalesce(operator_id, '') end,
                       case when kind = 'FIRST_REPLY' then extract(epoch from first_reply_at - created_at)::bigint
                            when kind = 'FINISHED' then extract(epoch from end_at - created_at)::bigint end,
                       null, null, null, case when kind = 'WORK' then work_time end
                from f""")) {
            statement.setString(1, accountId);
            statement.executeUpdate();
        }
        // The per-day rollups of those facts (migration V161), which the ticket report reads: the migration's own
        // statements, run again now that the facts exist (the database holds the one generated account).
        String migration = new String(Generator.class.getResourceAsStream("/db/migration/V161__report_ticket_rollups.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try (var statement = connection.createStatement()) {
            for (String sql : migration.replaceAll("(?m)--.*$", "").split(";")) {
                if (sql.strip().startsWith("insert")) {
                    statement.executeUpdate(sql);
                }
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
        long indexing = System.nanoTime();
        try (var statement = connection.createStatement()) {
            statement.execute("set maintenance_work_mem = '512MB'");
            for (String definition : dropped) {
                statement.execute(definition);
            }
        }
        System.out.printf("  recreated %d indexes in %.1f s%n", dropped.size(), (System.nanoTime() - indexing) / 1e9);
        try (var statement = connection.createStatement()) {
            statement.execute("vacuum analyze ticket");
            statement.execute("vacuum analyze ticket_message");
            statement.execute("vacuum analyze report_ticket_fact");
            statement.execute("vacuum analyze report_ticket_day");
            statement.execute("vacuum analyze report_ticket_minutes");
            statement.execute("analyze");
        }

        var fixture = new Properties();
        fixture.setProperty("account_id", accountId);
        fixture.setProperty("tickets", Integer.toString(ticketCount));
        fixture.setProperty("messages", Long.toString(messageTotal));
        fixture.setProperty("customers", Integer.toString(customerCount));
        fixture.setProperty("department_id", departments.get(0));
        fixture.setProperty("department_ids", String.join(",", departments));
        fixture.setProperty("operator_id", membersByDepartment.get(0).get(0));
        fixture.setProperty("detail_ticket_id", detailTicket);
        fixture.setProperty("search_words", String.join(",", vocabulary.searchWords()));
        return fixture;
    }

    /** Drops the non-unique, non-key indexes of the ticket tables and returns the statements that recreate them. */
    private List<String> dropSecondaryIndexes() throws SQLException {
        var definitions = new ArrayList<String>();
        var names = new ArrayList<String>();
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("""
                     select i.indexname, i.indexdef from pg_indexes i
                     join pg_class c on c.relname = i.indexname join pg_index x on x.indexrelid = c.oid
                     where i.schemaname = current_schema()
                       and i.tablename in ('ticket', 'ticket_message', 'ticket_operator_link', 'ticket_tag')
                       and not x.indisunique and not x.indisprimary""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (var statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("drop index " + name);
            }
        }
        connection.commit();
        return definitions;
    }

    private static final String CUSTOMER_COLUMNS = "customer (account_id, id, internal_id, name, email, email_key, phone, organization_id,"
            + " portfolio_id, monthly_ticket_quota, allow_create_tickets, email_validated, active, account_approved, language,"
            + " created_at, updated_at)";
    private static final String TICKET_COLUMNS = "ticket (account_id, id, protocol, subject, ticket_type, priority, customer_id,"
            + " department_id, category_id, operator_id, parent_ticket_id, situation, situation_at, status_id, status_at, work_time,"
            + " reopened, message_count, search_text, created_at, first_reply_at, end_at, updated_at)";

    /** The ticket's vocabulary as the application keeps it: distinct words, each led by one space. */
    private static String searchText(Set<String> words) {
        var text = new StringBuilder();
        for (String word : words) {
            if (text.length() + word.length() + 1 > 150_000) {
                break;
            }
            text.append(' ').append(word);
        }
        return text.toString();
    }

    private int situation() {
        int roll = random.nextInt(100);
        for (int code = 0; code < SITUATION_WEIGHTS.length; code++) {
            roll -= SITUATION_WEIGHTS[code];
            if (roll < 0) {
                return code;
            }
        }
        return 5;
    }

    /** 1 to 12 messages, about 5 on average. */
    private int messageCount() {
        int count = 1;
        while (count < 12 && random.nextInt(100) < 80) {
            count++;
        }
        return count;
    }

    /** An index biased towards the low end: a few departments and customers get most tickets. */
    private int skewed(int size) {
        double u = random.nextDouble();
        return Math.min(size - 1, (int) (size * u * u));
    }

    private String newId() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    private static String ts(Instant instant) {
        return TS.format(instant);
    }

    private void copyIn(String table, StringBuilder rows) throws SQLException, IOException {
        if (rows.length() > 0) {
            copy.copyIn("copy " + table + " from stdin", new StringReader(rows.toString()));
            rows.setLength(0);
        }
    }

    /** One line of COPY text format; null is \N. */
    private static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String value = values[i];
            if (value == null) {
                out.append("\\N");
                continue;
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }
}
