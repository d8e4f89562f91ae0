package io.atende.operator;

import java.time.Instant;

/**
 * An operator (attendant) as other modules and the API see it; never carries the password.
 * {@code language} is the operator's console language tag, or {@code null} for the default.
 */
public record OperatorView(String id, String name, String email, OperatorRole role, boolean active,
                           Instant createdAt, Instant updatedAt, String language) {
}
