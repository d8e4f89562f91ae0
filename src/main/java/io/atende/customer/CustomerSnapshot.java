package io.atende.customer;

import java.util.List;

import io.atende.customfield.CustomFieldValue;

/**
 * A customer as a change left it, with its custom field values: what a Standard Webhooks delivery
 * shows of it, kept with the event so that it is rendered after the commit without reading again.
 */
public record CustomerSnapshot(CustomerView customer, List<CustomFieldValue> customFields) {
}
