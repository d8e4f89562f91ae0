package io.atende.customfield;

/** A value given for a field, checked and normalized against the field's type. */
public record CustomFieldValue(String fieldId, String label, String value) {
}
