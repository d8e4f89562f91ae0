package io.atende.api.v2;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;

import org.springframework.stereotype.Component;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * TomTicket's nested department list: each department with its categories (and their custom
 * fields), the department's general ticket custom fields, and its operators. Composed here from
 * the department and custom field modules, which do not know each other's shapes.
 */
@Component
class DepartmentListing {

    private final DepartmentManagement departments;

    DepartmentListing(DepartmentManagement departments) {
        this.departments = departments;
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
    record NestedDepartment(String id, String name, List<CategoryWire> categories, GeneralFields generalCustomFields,
                            List<Wire.Ref> operators) {
    }

    List<NestedDepartment> nested(String accountId) {
        Map<String, List<CategoryView>> categories = departments.listAllCategories(accountId).stream()
                .collect(Collectors.groupingBy(CategoryView::departmentId));
        var operators = departments.listOperatorsOfAllDepartments(accountId);
        return departments.listDepartments(accountId).stream().map(department -> new NestedDepartment(
                department.id(), department.name(),
                categories.getOrDefault(department.id(), List.of()).stream()
                        .map(category -> new CategoryWire(category.id(), category.name(), List.of())).toList(),
                new GeneralFields(List.of()),
                operators.getOrDefault(department.id(), List.of()).stream()
                        .map(operator -> new Wire.Ref(operator.id(), operator.name())).toList()))
                .toList();
    }
}
