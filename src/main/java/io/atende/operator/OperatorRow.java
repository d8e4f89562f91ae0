package io.atende.operator;

import java.time.Instant;

record OperatorRow(String id, String name, String email, String passwordHash, OperatorRole role, boolean active,
                   Instant createdAt, Instant updatedAt, String language) {

    OperatorView view() {
        return new OperatorView(id, name, email, role, active, createdAt, updatedAt, language);
    }
}
