package io.atende.api.v2;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.Caller;
import io.atende.customfield.ChangeCustomField;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldType;
import io.atende.customfield.CustomFieldView;
import io.atende.customfield.DefineCustomField;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
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
class CustomFieldApiV2Controller {

    private static final List<String> ENTITIES = Arrays.stream(CustomFieldEntity.values()).map(CustomFieldEntity::wireName).toList();
    private static final List<String> TYPES = Arrays.stream(CustomFieldType.values()).map(CustomFieldType::wireName).toList();
    private static final List<String> FIXED = List.of("entity", "type", "department_id", "category_id");
    private static final String OPTIONS_DESCRIPTION = "Select fields only: options[0], options[1], ... (or a JSON array), "
            + "or one text with one option per line, or separated by commas when it has no line break. "
            + "Blank and repeated options (ignoring case) are dropped; at most 100, each up to 250 characters";

    private final CustomFieldManagement fields;
    private final DepartmentManagement departments;
    private final ApiMessages messages;

    CustomFieldApiV2Controller(CustomFieldManagement fields, DepartmentManagement departments, ApiMessages messages) {
        this.fields = fields;
        this.departments = departments;
        this.messages = messages;
    }

    /** A field definition; {@code department} and {@code category} are references with null members when absent. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CustomFieldWire(String id, String label, String entity, String type, List<String> options, boolean required,
                           Wire.Ref department, Wire.Ref category, String creationDate) {
    }

    @GetMapping("/custom_field/list")
    @ApiEndpoint(access = Access.READ, tag = "Custom fields",
            summary = "List the account's custom field definitions, oldest first (the whole list, with size)",
            params = @Param(name = "entity", description = "Only fields of this entity: ticket, ticket_finish, customer or evaluation"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        var entity = params.oneOf("entity", ENTITIES).map(CustomFieldApiV2Controller::entity);
        var found = entity.map(only -> fields.list(caller.accountId(), only)).orElseGet(() -> fields.list(caller.accountId()));
        var wire = toWire(caller);
        return Envelope.list(messages.get("ok"), found.stream().map(wire).toList());
    }

    @PostMapping("/custom_field/new")
    @ApiEndpoint(access = Access.ADMIN, tag = "Custom fields", extension = true,
            summary = "Define a custom field. Ticket fields without department apply to every ticket; with department_id to that "
                    + "department's tickets; with category_id to that category's tickets",
            params = {@Param(name = "label", required = true, description = "At most 250 characters"),
                    @Param(name = "entity", required = true, description = "ticket, ticket_finish, customer or evaluation"),
                    @Param(name = "type", required = true, description = "text, textarea, number, date, select or checkbox"),
                    @Param(name = "options", type = "csv", description = OPTIONS_DESCRIPTION),
                    @Param(name = "required", type = "boolean", description = "1 or 0 (default)"),
                    @Param(name = "department_id", description = "Ticket fields only"),
                    @Param(name = "category_id", description = "Ticket fields only; the department is the category's own")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var entity = params.oneOf("entity", ENTITIES).map(CustomFieldApiV2Controller::entity).orElse(null);
        var type = params.oneOf("type", TYPES).map(CustomFieldApiV2Controller::type).orElse(null);
        var field = fields.define(caller.accountId(), new DefineCustomField(params.raw("label"), entity, type, options(params),
                params.flag("required").orElse(false), trimmed(params.raw("department_id")), trimmed(params.raw("category_id"))));
        return Envelope.created(messages.get("custom_field.created"), toWire(caller).apply(field), Map.of("id", field.id()));
    }

    @PostMapping("/custom_field/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "Custom fields", extension = true,
            summary = "Change a custom field's label, options or requiredness; omitted ones keep their value. "
                    + "Entity, type and placement cannot change (400)",
            params = {@Param(name = "custom_field_id", required = true), @Param(name = "label"),
                    @Param(name = "options", type = "csv", description = OPTIONS_DESCRIPTION + ". Replaces all options"),
                    @Param(name = "required", type = "boolean", description = "1 or 0")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String fieldId = params.required("custom_field_id");
        for (String fixed : FIXED) {
            if (params.has(fixed)) {
                throw new InvalidInputException(fixed, "custom_field.not_changeable");
            }
        }
        var field = fields.change(caller.accountId(), new ChangeCustomField(fieldId,
                params.has("label") ? params.requiredText("label", 250) : null, options(params),
                params.flag("required").orElse(null)));
        return Envelope.ok(messages.get("custom_field.updated"), toWire(caller).apply(field));
    }

    @PostMapping("/custom_field/delete")
    @ApiEndpoint(access = Access.ADMIN, tag = "Custom fields", extension = true,
            summary = "Delete a custom field together with the values given for it",
            params = @Param(name = "custom_field_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        fields.delete(caller.accountId(), params.required("custom_field_id"));
        return Envelope.ok(messages.get("custom_field.deleted"), true);
    }

    /**
     * The options as sent: bracket keys {@code options[0]}, {@code options[1]}, ... (a JSON array
     * arrives the same way) in index order, or one text split by line breaks, or by commas when it
     * has none. {@code null} when the request has no options at all.
     */
    static List<String> options(ApiParams params) {
        var indexed = params.map("options");
        if (!indexed.isEmpty()) {
            return indexed.entrySet().stream()
                    .sorted(Comparator.comparingLong(entry -> index(entry.getKey())))
                    .map(Map.Entry::getValue).toList();
        }
        if (!params.has("options")) {
            return null;
        }
        String text = params.raw("options");
        if (text == null) {
            return List.of();
        }
        return List.of(text.split(text.contains("\n") ? "\\r?\\n" : ","));
    }

    // Numbered keys in numeric order (10 after 9); any other key after them, as sent.
    private static long index(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException notANumber) {
            return Long.MAX_VALUE;
        }
    }

    private Function<CustomFieldView, CustomFieldWire> toWire(Caller caller) {
        String accountId = caller.accountId();
        Map<String, String> departmentNames = departments.listDepartments(accountId).stream()
                .collect(Collectors.toMap(DepartmentView::id, DepartmentView::name));
        Map<String, String> categoryNames = departments.listAllCategories(accountId).stream()
                .collect(Collectors.toMap(CategoryView::id, CategoryView::name));
        return field -> new CustomFieldWire(field.id(), field.label(), field.entity().wireName(), field.type().wireName(),
                field.options(), field.required(), ref(field.departmentId(), departmentNames), ref(field.categoryId(), categoryNames),
                ApiDates.format(field.createdAt(), caller.timeZone()));
    }

    private static Wire.Ref ref(String id, Map<String, String> names) {
        return id == null ? Wire.Ref.EMPTY : new Wire.Ref(id, names.get(id));
    }

    private static String trimmed(String id) {
        return id == null || id.isBlank() ? null : id.strip();
    }

    private static CustomFieldEntity entity(String wireName) {
        return CustomFieldEntity.fromWireName(wireName).orElseThrow();
    }

    private static CustomFieldType type(String wireName) {
        return CustomFieldType.fromWireName(wireName).orElseThrow();
    }
}
