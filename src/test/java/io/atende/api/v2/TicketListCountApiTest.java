package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list's {@code size} is exact for every filter, after every kind of ticket change: the counts of
 * equality filters come from the tally the writes keep, and are compared here with a count of the
 * tickets themselves.
 */
@ApiTest
class TicketListCountApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sizeMatchesTheTicketsAfterEveryKindOfChange() {
        var fx = new TicketFixture(tenants.create());
        var admin = fx.tenant.admin();
        String otherDepartment = ok(admin.post("/department/new", "name", "Financeiro")).id();
        String bruno = fx.operator("Bruno", "bruno@example.com");
        ok(admin.post("/department/operator/add", "department_id", otherDepartment, "operator_id", bruno));
        String category = ok(admin.post("/department/category/new", "department_id", fx.department, "name", "Rede")).id();
        String status = ok(fx.tenant.writer().post("/status/new", "name", "Pendente")).id();
        var writer = fx.tenant.writer();
        var random = new Random(42);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String priority = Integer.toString(1 + i % 4);
            tickets.add(i % 3 == 0 ? fx.openTicket("priority", priority, "category_id", category) : fx.openTicket("priority", priority));
        }
        // Another account's tickets never count here.
        new TicketFixture(tenants.create()).openTicket();

        for (int step = 0; step < 60; step++) {
            String ticket = tickets.get(random.nextInt(tickets.size()));
            switch (random.nextInt(9)) {
                case 0 -> writer.post("/ticket/operator/link", "ticket_id", ticket, "operator_id", random.nextBoolean() ? fx.operator : bruno);
                case 1 -> writer.post("/ticket/transfer", "ticket_id", ticket, "department_id", otherDepartment, "operator_id", bruno);
                case 2 -> writer.post("/ticket/transfer", "ticket_id", ticket, "department_id", fx.department);
                case 3 -> writer.post("/ticket/status/open", "ticket_id", ticket, "status_id", status);
                case 4 -> writer.post("/ticket/status/close", "ticket_id", ticket);
                case 5 -> writer.post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido");
                case 6 -> writer.post("/ticket/cancel", "ticket_id", ticket, "message", "Duplicado");
                case 7 -> writer.post("/ticket/reopen", "ticket_id", ticket, "message", "Voltou");
                default -> tickets.add(fx.openTicket("operator_id", fx.operator, "priority", "4"));
            }
            // Refused changes (409) must leave the counts as they were, too.
            assertCountsMatch(fx, List.of(fx.department, otherDepartment), List.of(fx.operator, bruno), category, status);
        }
    }

    private void assertCountsMatch(TicketFixture fx, List<String> departments, List<String> operators, String category, String status) {
        String account = fx.tenant.accountId();
        List<String[]> filters = new ArrayList<>();
        filters.add(new String[] {"situation", "0,1,2,3"});
        filters.add(new String[] {"situation", "5", "department_id", departments.get(0)});
        filters.add(new String[] {"priority", "3,4"});
        filters.add(new String[] {"category_id", category});
        filters.add(new String[] {"status_id", status});
        filters.add(new String[] {"status_id", status, "situation", "1,2,3", "department_id", departments.get(1)});
        for (String department : departments) {
            filters.add(new String[] {"department_id", department});
            for (String operator : operators) {
                filters.add(new String[] {"department_id", department, "operator_id", operator, "priority", "1,2,4"});
            }
        }
        for (String operator : operators) {
            filters.add(new String[] {"operator_id", operator});
            filters.add(new String[] {"operator_id", operator, "situation", "1,2,3,6", "status_id", status});
        }
        for (String[] filter : filters) {
            long size = ok(fx.tenant.reader().get("/ticket/list", filter)).json().get("size").asLong();
            assertThat(size).as(String.join(" ", filter)).isEqualTo(exactCount(account, filter));
        }
    }

    /** The tickets matching the filter, counted row by row. */
    private long exactCount(String account, String[] filter) {
        var sql = new StringBuilder("select count(*) from ticket where account_id = :account");
        var statement = new ArrayList<Object[]>();
        for (int i = 0; i < filter.length; i += 2) {
            String value = filter[i + 1];
            switch (filter[i]) {
                case "situation" -> sql.append(" and situation in (").append(value).append(")");
                case "priority" -> sql.append(" and priority in (").append(value).append(")");
                default -> {
                    String column = filter[i].replace("_id", "") + "_id";
                    sql.append(" and ").append(column).append(" = :p").append(i);
                    statement.add(new Object[] {"p" + i, value});
                }
            }
        }
        var query = jdbc.sql(sql.toString()).param("account", account);
        for (Object[] param : statement) {
            query = query.param((String) param[0], param[1]);
        }
        return query.query(Long.class).single();
    }
}
