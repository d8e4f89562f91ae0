package io.atende.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import io.atende.platform.TableStatistics;
import io.atende.platform.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes operators brought from another help desk under the ids they had there, without a password: the source never
 * shows one, so an imported operator signs in once an administrator sets their password or invites them. Meant for an
 * import only: it publishes no event (no webhook, no mail) and checks no more than the database's keys enforce.
 * Imported again, an operator takes the source's name, e-mail, role and state and keeps the password set here since.
 */
@Service
public class OperatorImports {

    private final OperatorRepository operators;
    private final Clock clock;
    private final TableStatistics statistics;

    OperatorImports(OperatorRepository operators, Clock clock, TableStatistics statistics) {
        this.statistics = statistics;
        this.operators = operators;
        this.clock = clock;
    }

    /** @return whether anything was written (false: the account had the operator so already) */
    @Transactional
    public boolean importOperator(String accountId, String id, String name, String email, OperatorRole role, boolean active,
                                  Instant createdAt) {
        var existing = operators.find(accountId, id);
        if (existing.isPresent()) {
            var row = existing.get();
            if (row.name().equals(name) && row.email().equals(email) && row.role() == role && row.active() == active) {
                return false;
            }
            // A custom role given in Atende stays while the source keeps the operator's role.
            operators.update(accountId, new OperatorRow(id, name, email, row.passwordHash(), role, active, row.createdAt(),
                    clock.instant(), row.language(), row.role() == role ? row.customRoleId() : null, null, null));
        } else {
            operators.insert(accountId, new OperatorRow(id, name, email, null, role, active, createdAt, createdAt, null));
        }
        return true;
    }

    /** The ids of the account's operators by name, for messages a source names only by their author's name. */
    @Transactional(readOnly = true)
    public Map<String, String> idsByName(String accountId) {
        Map<String, String> ids = new HashMap<>();
        for (int page = 1; ; page++) {
            var found = operators.list(accountId, PageRequest.of(page));
            found.items().forEach(operator -> ids.putIfAbsent(operator.name(), operator.id()));
            if (found.items().size() < found.request().size()) {
                return ids;
            }
        }
    }

    /** Refreshes the database's statistics of the tables imports write (after a large import). */
    public void refreshStatistics() {
        statistics.refresh(List.of("operator"));
    }
}
