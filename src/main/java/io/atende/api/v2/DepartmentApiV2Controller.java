package io.atende.api.v2;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.atende.account.Caller;
import io.atende.platform.NotFoundException;
import io.atende.department.AssignmentMode;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorView;
import io.atende.platform.InvalidInputException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class DepartmentApiV2Controller {

    private final DepartmentManagement departments;
    private final DepartmentListing listing;
    private final ApiMessages messages;

    DepartmentApiV2Controller(DepartmentManagement departments, DepartmentListing listing, ApiMessages messages) {
        this.departments = departments;
        this.listing = listing;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberWire(String id, String name, String mailHash) {

        static MemberWire of(OperatorView operator) {
            return new MemberWire(operator.id(), operator.name(), Wire.mailHash(operator.email()));
        }
    }

    @GetMapping("/department/list")
    @ApiEndpoint(access = Access.READ, tag = "Departments", summary = "List departments, with their categories, custom fields and operators",
            params = @Param(name = "show_nested_items", type = "boolean", description = "1 (default) adds categories with their ticket custom fields, "
                    + "general_custom_fields.tickets (ticket fields of the department without category plus the account-wide ones) "
                    + "and operators; 0 gives {id, name} only"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        boolean nested = params.flag("show_nested_items").orElse(true);
        List<?> items = nested ? listing.nested(caller.accountId())
                : departments.listDepartments(caller.accountId()).stream().map(department -> new Wire.Ref(department.id(), department.name())).toList();
        return Envelope.list(messages.get("ok"), items);
    }

    @GetMapping("/department/category/list")
    @ApiEndpoint(access = Access.READ, tag = "Departments", summary = "List the categories of a department",
            params = @Param(name = "department_id", required = true))
    Map<String, Object> categories(Caller caller, ApiParams params) {
        var items = departments.listCategories(caller.accountId(), params.required("department_id")).stream()
                .map(category -> new Wire.Ref(category.id(), category.name())).toList();
        return Envelope.list(messages.get("ok"), items);
    }

    @GetMapping("/department/operator/list")
    @ApiEndpoint(access = Access.READ, tag = "Departments", summary = "List the operators of a department, with the md5 hash of their e-mail",
            params = @Param(name = "department_id", required = true))
    Map<String, Object> operators(Caller caller, ApiParams params) {
        var items = departments.listOperators(caller.accountId(), params.required("department_id")).stream()
                .map(MemberWire::of).toList();
        return Envelope.list(messages.get("ok"), items);
    }

    static final String ASSIGNMENT_DESCRIPTION = "How new tickets of the department find an operator: manual (default: operators take "
            + "them), round_robin (the next operator online in turn) or least_open (the operator online with the fewest open tickets "
            + "of the department)";
    static final String CAP_DESCRIPTION = "At most this many open tickets of the department per operator for automatic assignment, "
            + "1 to " + DepartmentManagement.MAX_OPEN_PER_OPERATOR + "; 0 or absent: no cap";

    /** A department with how its tickets are assigned. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DepartmentWire(String id, String name, String assignment, Integer maxOpenPerOperator) {

        static DepartmentWire of(DepartmentView department) {
            return new DepartmentWire(department.id(), department.name(), assignmentName(department.assignment()),
                    department.maxOpenPerOperator());
        }
    }

    static String assignmentName(AssignmentMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static Optional<AssignmentMode> assignment(ApiParams params) {
        return params.oneOf("assignment", ASSIGNMENTS).map(mode -> AssignmentMode.valueOf(mode.toUpperCase(Locale.ROOT)));
    }

    private static final List<String> ASSIGNMENTS = Arrays.stream(AssignmentMode.values()).map(DepartmentApiV2Controller::assignmentName).toList();

    @PostMapping("/department/new")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true, summary = "Create a department",
            params = {@Param(name = "name", required = true, description = "Unique in the account, ignoring case; at most 250 characters"),
                    @Param(name = "assignment", description = ASSIGNMENT_DESCRIPTION),
                    @Param(name = "max_open_per_operator", type = "integer", description = CAP_DESCRIPTION)})
    Map<String, Object> create(Caller caller, ApiParams params) {
        String name = params.requiredText("name", 250);
        var mode = assignment(params).orElse(null);
        Integer cap = params.integer("max_open_per_operator", 0, DepartmentManagement.MAX_OPEN_PER_OPERATOR).orElse(null);
        DepartmentView department = departments.createDepartment(caller.accountId(), name, mode, cap);
        return Envelope.created(messages.get("department.created"), DepartmentWire.of(department), Map.of("id", department.id()));
    }

    @PostMapping("/department/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true,
            summary = "Rename a department or change how its tickets are assigned; omitted fields keep their value",
            params = {@Param(name = "department_id", required = true), @Param(name = "name"),
                    @Param(name = "assignment", description = ASSIGNMENT_DESCRIPTION),
                    @Param(name = "max_open_per_operator", type = "integer", description = CAP_DESCRIPTION)})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String departmentId = params.required("department_id");
        String name = params.has("name") ? params.requiredText("name", 250) : null;
        var mode = assignment(params).orElse(null);
        Integer cap = params.integer("max_open_per_operator", 0, DepartmentManagement.MAX_OPEN_PER_OPERATOR).orElse(null);
        if (name == null && mode == null && cap == null) {
            throw new InvalidInputException("name", "department.update_needs_change");
        }
        DepartmentView department = departments.updateDepartment(caller.accountId(), departmentId, name, mode, cap);
        return Envelope.ok(messages.get("department.updated"), DepartmentWire.of(department));
    }

    @PostMapping("/department/delete")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true,
            summary = "Delete a department with its categories; refused (409) while tickets, chats, custom fields or SLA policies reference it",
            params = @Param(name = "department_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        departments.deleteDepartment(caller.accountId(), params.required("department_id"));
        return Envelope.ok(messages.get("department.deleted"), true);
    }

    @PostMapping("/department/category/new")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true, summary = "Create a category in a department",
            params = {@Param(name = "department_id", required = true), @Param(name = "name", required = true)})
    Map<String, Object> createCategory(Caller caller, ApiParams params) {
        String departmentId = params.required("department_id");
        CategoryView category = departments.createCategory(caller.accountId(), departmentId, params.requiredText("name", 250));
        return Envelope.created(messages.get("category.created"), new Wire.Ref(category.id(), category.name()),
                Map.of("id", category.id()));
    }

    @PostMapping("/department/category/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true, summary = "Rename a category or move it to another department",
            params = {@Param(name = "category_id", required = true), @Param(name = "name"),
                    @Param(name = "department_id", description = "Moves the category to this department")})
    Map<String, Object> updateCategory(Caller caller, ApiParams params) {
        String categoryId = params.required("category_id");
        CategoryView category = departments.updateCategory(caller.accountId(), categoryId, params.raw("department_id"),
                params.has("name") ? params.text("name", 250) : null);
        return Envelope.ok(messages.get("category.updated"), new Wire.Ref(category.id(), category.name()));
    }

    @PostMapping("/department/category/delete")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true,
            summary = "Delete a category; refused (409) while tickets, custom fields or SLA policies reference it",
            params = @Param(name = "category_id", required = true))
    Map<String, Object> deleteCategory(Caller caller, ApiParams params) {
        departments.deleteCategory(caller.accountId(), params.required("category_id"));
        return Envelope.ok(messages.get("category.deleted"), true);
    }

    @PostMapping("/department/operator/add")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true, withinDepartments = true,
            summary = "Make an operator a member of a department (for a token limited to departments, one of them)",
            params = {@Param(name = "department_id", required = true), @Param(name = "operator_id", required = true)})
    Map<String, Object> addOperator(Caller caller, ApiParams params) {
        String departmentId = params.required("department_id");
        if (!caller.visibility().sees(departmentId)) {
            throw new NotFoundException("department.not_found", departmentId);
        }
        departments.addOperator(caller.accountId(), departmentId, params.required("operator_id"));
        return Envelope.ok(messages.get("department.operator_added"), true);
    }

    @PostMapping("/department/operator/remove")
    @ApiEndpoint(access = Access.ADMIN, tag = "Departments", extension = true, withinDepartments = true,
            summary = "Remove an operator from a department (for a token limited to departments, one of them)",
            params = {@Param(name = "department_id", required = true), @Param(name = "operator_id", required = true)})
    Map<String, Object> removeOperator(Caller caller, ApiParams params) {
        String departmentId = params.required("department_id");
        if (!caller.visibility().sees(departmentId)) {
            throw new NotFoundException("department.not_found", departmentId);
        }
        departments.removeOperator(caller.accountId(), departmentId, params.required("operator_id"));
        return Envelope.ok(messages.get("department.operator_removed"), true);
    }
}
