package io.atende.customer;

import java.time.Instant;

/** An organization (company) customers belong to; it may sit below a parent organization. */
public record OrganizationView(String id, String name, String parentId, String parentName, Instant createdAt) {
}
