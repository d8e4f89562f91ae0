package io.atende.customfield;

import java.time.Instant;
import java.util.List;

/**
 * A custom field definition. A field without department applies to every ticket (a "general"
 * field); with a department only, to that department's tickets; with a category, to that
 * category's tickets. Customer and evaluation fields have neither.
 */
public record CustomFieldView(String id, String label, CustomFieldEntity entity, CustomFieldType type, List<String> options,
                              boolean required, String departmentId, String categoryId, Instant createdAt) {

    public CustomFieldView {
        options = List.copyOf(options);
    }
}
