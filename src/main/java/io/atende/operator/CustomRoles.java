package io.atende.operator;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atende.audit.AuditTrail;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.Keys;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles an admin defines next to the built-in agent, supervisor and admin: a name and a set of {@link Permission}s.
 * A change applies to the role's operators at their next request; a role is deleted only when no operator has it.
 */
@Service
public class CustomRoles {

    private final CustomRoleRepository roles;
    private final AuditTrail audit;
    private final Clock clock;

    CustomRoles(CustomRoleRepository roles, AuditTrail audit, Clock clock) {
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's custom roles, by name. */
    @Transactional(readOnly = true)
    public List<CustomRoleView> list(String accountId) {
        return roles.list(accountId);
    }

    /** One custom role of the account (not found if unknown, as for another account's). */
    @Transactional(readOnly = true)
    public CustomRoleView get(String accountId, String roleId) {
        return roles.find(accountId, roleId == null ? "" : roleId).orElseThrow(() -> new NotFoundException("role.not_found"));
    }

    /** Creates a role; its name must be unused in the account (refused). */
    @Transactional
    public CustomRoleView create(String accountId, String name, Set<Permission> permissions) {
        String checked = Inputs.requiredText("name", name, 100);
        if (roles.nameTaken(accountId, Keys.of(checked), null)) {
            throw new RuleViolationException("role.name_taken", checked);
        }
        String id = Ids.newId();
        try {
            roles.insert(accountId, id, checked, Keys.of(checked), copy(permissions), clock.instant());
        } catch (DuplicateKeyException sameNameMeanwhile) {
            throw new RuleViolationException("role.name_taken", checked);
        }
        var created = get(accountId, id);
        audit.record(accountId, "role.created", "role", id, null, audited(created));
        return created;
    }

    /** Renames a role and sets its permissions. */
    @Transactional
    public CustomRoleView update(String accountId, String roleId, String name, Set<Permission> permissions) {
        var current = get(accountId, roleId);
        String checked = Inputs.requiredText("name", name, 100);
        if (roles.nameTaken(accountId, Keys.of(checked), current.id())) {
            throw new RuleViolationException("role.name_taken", checked);
        }
        try {
            roles.update(accountId, current.id(), checked, Keys.of(checked), copy(permissions), clock.instant());
        } catch (DuplicateKeyException sameNameMeanwhile) {
            throw new RuleViolationException("role.name_taken", checked);
        }
        var changed = get(accountId, current.id());
        audit.record(accountId, "role.updated", "role", current.id(), audited(current), audited(changed));
        return changed;
    }

    /** Deletes a role no operator has (refused while one does: give them another role first). */
    @Transactional
    public void delete(String accountId, String roleId) {
        var role = get(accountId, roleId);
        if (role.operators() > 0) {
            throw new RuleViolationException("role.in_use", role.operators());
        }
        roles.delete(accountId, role.id());
        audit.record(accountId, "role.deleted", "role", role.id(), audited(role), null);
    }

    private static Set<Permission> copy(Set<Permission> permissions) {
        return permissions == null || permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    private static Map<String, Object> audited(CustomRoleView role) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", role.name());
        fields.put("permissions", Permission.format(role.permissions()));
        return fields;
    }
}
