package io.atende.api.v2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.support.ApiResponse;
import io.atende.support.TestTenants.Tenant;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant with a department, a member operator and a customer, and shortcuts to open tickets in it. */
final class TicketFixture {

    final Tenant tenant;
    final String department;
    final String operator;
    final String customer;

    TicketFixture(Tenant tenant) {
        this.tenant = tenant;
        this.department = ok(tenant.admin().post("/department/new", "name", "Suporte")).id();
        this.operator = ok(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com")).id();
        ok(tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator));
        this.customer = ok(tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla", "email", "carla@example.com"))
                .id();
    }

    String operator(String name, String email) {
        String id = ok(tenant.admin().post("/operator/new", "name", name, "email", email)).id();
        ok(tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", id));
        return id;
    }

    ApiResponse open(String... extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("customer_id", "c-1");
        params.put("department_id", department);
        params.put("subject", "Impressora");
        params.put("message", "Não imprime");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return tenant.writer().post("/ticket/new", params.entrySet().stream()
                .flatMap(entry -> java.util.stream.Stream.of(entry.getKey(), entry.getValue())).toArray(String[]::new));
    }

    String openTicket(String... extra) {
        return ok(open(extra)).json().get("ticket_id").asString();
    }

    /** The protocols /ticket/list answers with these parameters, in its order. */
    List<Long> listedProtocols(String... params) {
        List<Long> found = new ArrayList<>();
        for (JsonNode item : ok(tenant.reader().get("/ticket/list", params)).data()) {
            found.add(item.get("protocol").asLong());
        }
        return found;
    }

    String linkedTicket() {
        String ticket = openTicket();
        ok(tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", operator));
        return ticket;
    }

    ApiResponse detail(String ticket, String... flags) {
        String[] all = new String[flags.length + 2];
        all[0] = "ticket_id";
        all[1] = ticket;
        System.arraycopy(flags, 0, all, 2, flags.length);
        return ok(tenant.reader().get("/ticket/detail", all));
    }

    int situation(String ticket) {
        return detail(ticket).data().get("situation").get("id").asInt();
    }

    static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }
}
