package io.atende.department;

import java.time.Instant;

/** A category of tickets; always belongs to one department. */
public record CategoryView(String id, String departmentId, String name, Instant createdAt) {
}
