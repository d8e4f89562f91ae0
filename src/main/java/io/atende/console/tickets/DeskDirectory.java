package io.atende.console.tickets;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.AccountManagement;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;

import org.springframework.stereotype.Component;

/**
 * Names of the people and departments a desk page shows, fetched once per page (one query per
 * kind) rather than once per row; shared by the ticket and chat pages.
 */
@Component
public class DeskDirectory {

    private final AccountManagement accounts;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;

    DeskDirectory(AccountManagement accounts, CustomerManagement customers, DepartmentManagement departments,
                  OperatorManagement operators) {
        this.accounts = accounts;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
    }

    /** The account's time zone, in which every time on a desk page is shown. */
    public ZoneId zone(String accountId) {
        return accounts.get(accountId).timeZone();
    }

    /** The account's departments by id, in the order the department module lists them. */
    public Map<String, DepartmentView> departments(String accountId) {
        return departments.listDepartments(accountId).stream()
                .collect(Collectors.toMap(DepartmentView::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** The named operators by id (unknown ids are left out). */
    public Map<String, OperatorView> operators(String accountId, Collection<String> ids) {
        var wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        // A HashMap: pages look up null ids (no operator) in it, which Map.of() refuses.
        return wanted.isEmpty() ? new java.util.HashMap<>() : new java.util.HashMap<>(operators.findAll(accountId, wanted));
    }

    /** The named customers by id (unknown ids are left out). */
    public Map<String, CustomerView> customers(String accountId, Collection<String> ids) {
        var wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        return wanted.isEmpty() ? new java.util.HashMap<>() : new java.util.HashMap<>(customers.findAll(accountId, wanted));
    }

    /** The operators who may take work of the department. */
    public List<OperatorView> members(String accountId, String departmentId) {
        return departments.listOperators(accountId, departmentId);
    }
}
