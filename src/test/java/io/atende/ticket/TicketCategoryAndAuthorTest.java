package io.atende.ticket;

import java.util.List;

import io.atende.api.v2.TicketEvents;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorRole;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket module's front door for a ticket's category and for comments in an operator's name, on the real database. */
@ApiTest
class TicketCategoryAndAuthorTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    TicketManagement tickets;

    @Autowired
    DepartmentManagement departments;

    @Autowired
    TicketEvents events;

    String account;
    String support;
    String hardware;
    String network;
    String invoices;
    String customer;

    @BeforeEach
    void anAccountWithTwoDepartmentsTheirCategoriesAndACustomer() {
        var tenant = tenants.create();
        account = tenant.accountId();
        support = departments.createDepartment(account, "Suporte").id();
        hardware = departments.createCategory(account, support, "Hardware").id();
        network = departments.createCategory(account, support, "Rede").id();
        String billing = departments.createDepartment(account, "Financeiro").id();
        invoices = departments.createCategory(account, billing, "Boletos").id();
        var created = tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla", "email", "carla@example.com");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        customer = created.id();
    }

    @Test
    void changesTheCategoryWithinTheDepartmentClearsItAndPublishesAnUpdate() {
        String ticket = ticket(hardware, null);

        tickets.changeCategory(account, ticket, network);
        assertThat(tickets.get(account, ticket).categoryId()).isEqualTo(network);

        tickets.changeCategory(account, ticket, network);
        tickets.changeCategory(account, ticket, null);

        var view = tickets.get(account, ticket);
        assertThat(view.categoryId()).isNull();
        assertThat(view.departmentId()).isEqualTo(support);
        assertThat(view.situation()).isEqualTo(Situation.NO_OPERATOR);
        assertThat(events.of(ticket)).containsExactly("ticket.created", "ticket.updated", "ticket.updated");
    }

    @Test
    void refusesACategoryOfAnotherDepartmentAnUnknownOneAndAClosedTicket() {
        String ticket = ticket(hardware, null);

        assertThatThrownBy(() -> tickets.changeCategory(account, ticket, invoices)).isInstanceOfSatisfying(InvalidInputException.class,
                refused -> assertThat(refused.parameter()).isEqualTo("category_id"));
        assertThatThrownBy(() -> tickets.changeCategory(account, ticket, "0".repeat(32))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tickets.changeCategory(account, "0".repeat(32), null)).isInstanceOf(NotFoundException.class);
        String elsewhere = tenants.create().accountId();
        assertThatThrownBy(() -> tickets.changeCategory(elsewhere, ticket, null)).isInstanceOf(NotFoundException.class);

        tickets.cancel(account, ticket, null);
        assertThatThrownBy(() -> tickets.changeCategory(account, ticket, network)).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("ticket.closed");

        assertThat(tickets.get(account, ticket).categoryId()).isEqualTo(hardware);
        assertThat(events.of(ticket)).containsExactly("ticket.created", "ticket.cancelled");
    }

    @Test
    void aCommentIsInItsAuthorsNameWhileTheApiFormStaysInTheLinkedOperatorsName() {
        String linked = tenants.operator(account, OperatorRole.OPERATOR).id();
        String colleague = tenants.operator(account, OperatorRole.OPERATOR).id();
        departments.addOperator(account, support, linked);
        String ticket = ticket(null, linked);

        String byColleague = tickets.comment(account, ticket, colleague, "Já vi isso", List.of());
        String unnamed = tickets.comment(account, ticket, "Sem autor", List.of());

        var comments = tickets.detail(account, ticket).messages().stream().filter(message -> message.kind() == MessageKind.COMMENT)
                .toList();
        assertThat(comments).extracting(TicketMessageView::id).containsExactly(byColleague, unnamed);
        assertThat(comments).extracting(TicketMessageView::operatorId).containsExactly(colleague, linked);
        assertThat(tickets.get(account, ticket).operatorId()).isEqualTo(linked);
        assertThat(events.of(ticket)).endsWith("ticket.commented", "ticket.commented");

        String otherAccountsOperator = tenants.operator(tenants.create().accountId(), OperatorRole.OPERATOR).id();
        assertThatThrownBy(() -> tickets.comment(account, ticket, otherAccountsOperator, "Intruso", List.of()))
                .isInstanceOf(NotFoundException.class);
        assertThat(tickets.detail(account, ticket).messages()).hasSize(3);
    }

    private String ticket(String categoryId, String operatorId) {
        return tickets.open(account, new OpenTicket(customer, support, categoryId, "Impressora", "Não imprime", null, null, null,
                operatorId, null, null)).id();
    }
}
