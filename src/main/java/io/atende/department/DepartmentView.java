package io.atende.department;

import java.time.Instant;

public record DepartmentView(String id, String name, Instant createdAt) {
}
