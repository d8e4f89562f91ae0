package io.atende.api.v2;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * TomTicket's nested department list: each department with its categories (and their custom
 * fields), the department's general ticket custom fields, and its operators. Composed here from
 * the department and custom field modules, which do not know each other's shapes.
 *
 * <p>Only fields filled when a ticket is opened (entity {@code ticket}) are listed. A client
 * opening a ticket in a department and category fills {@code general_custom_fields.tickets} plus
 * the category's {@code custom_fields}, so "general" holds every field that applies to all the
 * department's tickets: the department's own fields without category and the account-wide ones.
 */
@Component
class DepartmentListing {

    private final DepartmentManagement departments;
    private final CustomFieldManagement customFields;

    DepartmentListing(DepartmentManagement departments, CustomFieldManagement customFields) {
        this.departments = departments;
        this.customFields = customFields;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FieldRef(String id, String label) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CategoryWire(String id, String name, List<FieldRef> customFields) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GeneralFields(List<FieldRef> tickets) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NestedDepartment(String id, String name, String assignment, Integer maxOpenPerOperator, List<CategoryWire> categories,
                            GeneralFields generalCustomFields, List<Wire.Ref> operators) {
    }

    // Four lookups in one read-only transaction rather than one transaction each.
    @Transactional(readOnly = true)
    List<NestedDepartment> nested(String accountId) {
        Map<String, List<CategoryView>> categories = departments.listAllCategories(accountId).stream()
                .collect(Collectors.groupingBy(CategoryView::departmentId));
        var operators = departments.listOperatorsOfAllDepartments(accountId);
        var ticketFields = customFields.list(accountId, CustomFieldEntity.TICKET);
        Map<String, List<FieldRef>> categoryFields = ticketFields.stream().filter(field -> field.categoryId() != null)
                .collect(Collectors.groupingBy(CustomFieldView::categoryId, Collectors.mapping(DepartmentListing::ref, Collectors.toList())));
        return departments.listDepartments(accountId).stream().map(department -> new NestedDepartment(
                department.id(), department.name(), DepartmentApiV2Controller.assignmentName(department.assignment()),
                department.maxOpenPerOperator(),
                categories.getOrDefault(department.id(), List.of()).stream()
                        .map(category -> new CategoryWire(category.id(), category.name(),
                                categoryFields.getOrDefault(category.id(), List.of()))).toList(),
                new GeneralFields(ticketFields.stream()
                        .filter(field -> field.categoryId() == null
                                && (field.departmentId() == null || field.departmentId().equals(department.id())))
                        .map(DepartmentListing::ref).toList()),
                operators.getOrDefault(department.id(), List.of()).stream()
                        .map(operator -> new Wire.Ref(operator.id(), operator.name())).toList()))
                .toList();
    }

    private static FieldRef ref(CustomFieldView field) {
        return new FieldRef(field.id(), field.label());
    }
}
