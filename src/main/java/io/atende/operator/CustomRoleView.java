package io.atende.operator;

import java.time.Instant;
import java.util.Set;

/** A role an admin defined: a name and what its operators may do; {@code operators} is how many have it. */
public record CustomRoleView(String id, String name, Set<Permission> permissions, int operators, Instant createdAt,
                             Instant updatedAt) {
}
