package io.atende.customfield;

import java.util.List;

/** @param categoryId when given, the department is the category's own and may be omitted */
public record DefineCustomField(String label, CustomFieldEntity entity, CustomFieldType type, List<String> options,
                                boolean required, String departmentId, String categoryId) {

    public DefineCustomField {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
