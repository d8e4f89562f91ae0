package io.atende.customfield;

import java.util.List;

/**
 * Changes to a field's label, options or whether it is required; a {@code null} member keeps its
 * value. Entity, type and placement never change: values already given were checked against them.
 */
public record ChangeCustomField(String fieldId, String label, List<String> options, Boolean required) {

    public ChangeCustomField {
        options = options == null ? null : List.copyOf(options);
    }
}
