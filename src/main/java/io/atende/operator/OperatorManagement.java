package io.atende.operator;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.atende.audit.AuditTrail;
import io.atende.platform.DeletionVetoes;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.Keys;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.PasswordRules;
import io.atende.platform.RuleViolationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operators (attendants) of an account: who they are, their role, and the rule that guards deletion. */
@Service
public class OperatorManagement {

    private final OperatorRepository operators;
    // Looked up when needed: the modules that veto (tickets, chats) themselves depend on operators.
    private final ObjectProvider<OperatorDeletionVeto> vetoes;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuditTrail audit;
    private final PasswordRules passwordRules;
    private final PasswordResetRepository passwordResets;

    private final CustomRoles customRoles;

    OperatorManagement(OperatorRepository operators, ObjectProvider<OperatorDeletionVeto> vetoes, PasswordEncoder passwordEncoder,
                       ApplicationEventPublisher events, Clock clock, AuditTrail audit, PasswordRules passwordRules,
                       PasswordResetRepository passwordResets, CustomRoles customRoles) {
        this.customRoles = customRoles;
        this.audit = audit;
        this.passwordResets = passwordResets;
        this.passwordRules = passwordRules;
        this.operators = operators;
        this.vetoes = vetoes;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    /** Creates an operator; the e-mail address must be unused in the account (refused). */
    @Transactional
    public OperatorView create(String accountId, CreateOperator command) {
        String name = Inputs.requiredText("name", command.name(), 250);
        String email = Inputs.requiredEmail("email", command.email());
        if (operators.emailTaken(accountId, Keys.of(email), null)) {
            throw new RuleViolationException("operator.email_taken", email);
        }
        var now = clock.instant();
        var customRole = command.customRoleId() == null ? null : customRoles.get(accountId, command.customRoleId());
        var operator = new OperatorRow(Ids.newId(), name, email, hash(command.password()),
                command.role() == null || customRole != null ? OperatorRole.OPERATOR : command.role(), command.active(), now, now, null,
                customRole == null ? null : customRole.id(), customRole == null ? null : customRole.name(),
                customRole == null ? null : customRole.permissions());
        try {
            operators.insert(accountId, operator);
        } catch (DuplicateKeyException sameEmailMeanwhile) {
            // Another request took the address between the check above and this insert.
            throw new RuleViolationException("operator.email_taken", email);
        }
        events.publishEvent(new OperatorCreated(accountId, operator.id()));
        audit.record(accountId, "operator.created", "operator", operator.id(), null, audited(operator, false));
        return operator.view();
    }

    /** Changes the given attributes of an operator (not found if unknown, refused if the e-mail is taken). */
    @Transactional
    public OperatorView update(String accountId, UpdateOperator command) {
        var current = operators.find(accountId, command.operatorId()).orElseThrow(() -> notFound(command.operatorId()));
        String name = command.name() == null ? current.name() : Inputs.requiredText("name", command.name(), 250);
        String email = command.email() == null ? current.email() : Inputs.requiredEmail("email", command.email());
        if (!Keys.of(email).equals(Keys.of(current.email())) && operators.emailTaken(accountId, Keys.of(email), current.id())) {
            throw new RuleViolationException("operator.email_taken", email);
        }
        // A custom role is stored over the agent's role; a built-in role chosen replaces any custom one.
        var customRole = command.customRoleId() == null ? null : customRoles.get(accountId, command.customRoleId());
        OperatorRole role = customRole != null ? OperatorRole.OPERATOR : command.role() == null ? current.role() : command.role();
        var changed = customRole != null
                ? new OperatorRow(current.id(), name, email, command.password() == null ? current.passwordHash() : hash(command.password()),
                        role, command.active() == null ? current.active() : command.active(), current.createdAt(), clock.instant(),
                        current.language(), customRole.id(), customRole.name(), customRole.permissions())
                : new OperatorRow(current.id(), name, email, command.password() == null ? current.passwordHash() : hash(command.password()),
                        role, command.active() == null ? current.active() : command.active(), current.createdAt(), clock.instant(),
                        current.language(), command.role() == null ? current.customRoleId() : null,
                        command.role() == null ? current.customRoleName() : null,
                        command.role() == null ? current.customPermissions() : null);
        try {
            operators.update(accountId, changed);
        } catch (DuplicateKeyException sameEmailMeanwhile) {
            throw new RuleViolationException("operator.email_taken", email);
        }
        if (command.password() != null || !email.equals(current.email())) {
            // A reset link sent before must not undo a new password, nor reach an address that is no longer theirs.
            passwordResets.forgetAll(accountId, changed.id());
        }
        events.publishEvent(new OperatorUpdated(accountId, changed.id()));
        audit.record(accountId, "operator.updated", "operator", changed.id(), audited(current, false),
                audited(changed, command.password() != null));
        return changed.view();
    }

    /**
     * Deletes an operator that nothing was ever linked to. Any module's veto refuses it, as
     * the help desk must keep who answered what; such an operator is deactivated instead.
     */
    @Transactional
    public void delete(String accountId, String operatorId) {
        var operator = operators.find(accountId, operatorId).orElseThrow(() -> notFound(operatorId));
        DeletionVetoes.refuseWhileAnyUses(vetoes, veto -> veto.hasLinkedWork(accountId, operator.id()), "operator.has_linked_work");
        operators.delete(accountId, operator.id());
        events.publishEvent(new OperatorDeleted(accountId, operator.id()));
        audit.record(accountId, "operator.deleted", "operator", operator.id(), audited(operator, false), null);
    }

    /**
     * Records what the operator declared about taking work now (not found for an unknown operator). Publishes
     * {@link OperatorAvailabilityChanged} when it changes; the same availability again changes nothing.
     */
    @Transactional
    public Availability setAvailability(String accountId, String operatorId, Availability availability) {
        if (availability == null) {
            throw new InvalidInputException("availability", "operator.availability_required");
        }
        var operator = get(accountId, operatorId);
        String previous = operators.saveAvailability(accountId, operator.id(), availability.name(), clock.instant());
        if (!availability.name().equals(previous)) {
            events.publishEvent(new OperatorAvailabilityChanged(accountId, operator.id(), availability));
        }
        return availability;
    }

    /** What the operator declared, {@link Availability#OFFLINE} when nothing (not found for an unknown operator). */
    @Transactional(readOnly = true)
    public Availability availability(String accountId, String operatorId) {
        var operator = get(accountId, operatorId);
        return availabilities(accountId, java.util.List.of(operator.id())).get(operator.id());
    }

    /** The availability of each of the operators, {@link Availability#OFFLINE} for those who declared none: one read. */
    @Transactional(readOnly = true)
    public Map<String, Availability> availabilities(String accountId, Collection<String> operatorIds) {
        var declared = operators.availabilities(accountId, operatorIds);
        Map<String, Availability> byOperator = new LinkedHashMap<>();
        operatorIds.forEach(id -> byOperator.put(id, declared.containsKey(id) ? Availability.valueOf(declared.get(id)) : Availability.OFFLINE));
        return byOperator;
    }

    /** Those of the operators who declared themselves away or offline (not those who never declared anything). */
    @Transactional(readOnly = true)
    public java.util.Set<String> declaredUnavailable(String accountId, Collection<String> operatorIds) {
        var unavailable = new java.util.HashSet<String>();
        operators.availabilities(accountId, operatorIds).forEach((id, availability) -> {
            if (!Availability.ONLINE.name().equals(availability)) {
                unavailable.add(id);
            }
        });
        return unavailable;
    }

    /** What the audit log keeps of an operator: never the password, only that it changed. */
    static Map<String, Object> audited(OperatorRow operator, boolean passwordChanged) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", operator.name());
        fields.put("email", operator.email());
        fields.put("role", operator.role());
        if (operator.customRoleId() != null) {
            fields.put("custom_role", operator.customRoleName());
        }
        fields.put("active", operator.active());
        if (passwordChanged) {
            fields.put("password_changed", true);
        }
        return fields;
    }

    /** The operator, or not found. */
    @Transactional(readOnly = true)
    public OperatorView get(String accountId, String operatorId) {
        return operators.find(accountId, operatorId).map(OperatorRow::view).orElseThrow(() -> notFound(operatorId));
    }

    /** The account's operator with this e-mail address (deactivated ones too), if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<OperatorView> findByEmail(String accountId, String email) {
        if (email == null || email.isBlank()) {
            return java.util.Optional.empty();
        }
        return operators.idByEmail(accountId, Keys.of(email)).flatMap(id -> operators.find(accountId, id)).map(OperatorRow::view);
    }

    /** The operators among {@code operatorIds} that exist in the account, by id. */
    @Transactional(readOnly = true)
    public Map<String, OperatorView> findAll(String accountId, Collection<String> operatorIds) {
        return operators.findAll(accountId, operatorIds);
    }

    /** One page of the account's operators, by name. */
    @Transactional(readOnly = true)
    public Page<OperatorView> list(String accountId, PageRequest page) {
        return operators.list(accountId, page);
    }

    /** Whether the e-mail and password are those of an active operator; for sign-in. */
    @Transactional(readOnly = true)
    public boolean passwordMatches(String accountId, String operatorId, String password) {
        return operators.find(accountId, operatorId)
                .filter(OperatorRow::active)
                .filter(row -> row.passwordHash() != null && password != null)
                .map(row -> passwordEncoder.matches(password, row.passwordHash()))
                .orElse(false);
    }

    private String hash(String password) {
        if (password == null) {
            return null;
        }
        passwordRules.check("password", password);
        return passwordEncoder.encode(password);
    }

    private static NotFoundException notFound(String operatorId) {
        return new NotFoundException("operator.not_found", operatorId);
    }
}
