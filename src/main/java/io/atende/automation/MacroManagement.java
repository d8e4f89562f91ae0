package io.atende.automation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.audit.AuditTrail;

import io.atende.operator.OperatorDeleted;
import io.atende.operator.OperatorManagement;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Macros: saved replies with actions that an operator applies to a ticket in one step. A shared macro serves every
 * operator of the account, an operator's own macro only them. Applying one is all or nothing: the reply and every
 * action in one transaction, so a refused action leaves the ticket as it was and publishes no event.
 */
@Service
public class MacroManagement {

    static final int MAX_NAME = 250;
    static final int MAX_REPLY = 100_000;

    private final MacroRepository repository;
    private final Actions actions;
    private final TicketManagement tickets;
    private final OperatorManagement operators;
    private final AuditTrail audit;
    private final Clock clock;

    MacroManagement(MacroRepository repository, Actions actions, TicketManagement tickets, OperatorManagement operators,
                    AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.actions = actions;
        this.tickets = tickets;
        this.operators = operators;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a macro: invalid without a name, with neither reply nor actions, with an unknown placeholder or an
     * action referring to something the account lacks; not found for an unknown owner.
     */
    @Transactional
    public MacroView create(String accountId, SaveMacro command) {
        var checked = check(accountId, command);
        Instant now = clock.instant();
        var macro = new MacroView(Ids.newId(), checked.name(), checked.reply(), checked.actions(), checked.operatorId(), now, now);
        repository.insert(accountId, macro);
        audit.record(accountId, "macro.created", "macro", macro.id(), null, audited(macro));
        return macro;
    }

    /** Replaces a macro's name, reply, actions and owner, checked as on creation; not found for an unknown macro. */
    @Transactional
    public MacroView update(String accountId, String macroId, SaveMacro command) {
        var existing = get(accountId, macroId);
        var checked = check(accountId, command);
        var macro = new MacroView(existing.id(), checked.name(), checked.reply(), checked.actions(), checked.operatorId(),
                existing.createdAt(), clock.instant());
        repository.update(accountId, macro);
        audit.record(accountId, "macro.updated", "macro", macro.id(), audited(existing), audited(macro));
        return macro;
    }

    @Transactional
    public void delete(String accountId, String macroId) {
        var macro = get(accountId, macroId);
        repository.delete(accountId, macro.id());
        audit.record(accountId, "macro.deleted", "macro", macro.id(), audited(macro), null);
    }

    private static Map<String, Object> audited(MacroView macro) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", macro.name());
        fields.put("reply", macro.reply());
        fields.put("actions", ActionJson.format(macro.actions()));
        fields.put("operator_id", macro.operatorId());
        return fields;
    }

    /** The macro, or not found. */
    @Transactional(readOnly = true)
    public MacroView get(String accountId, String macroId) {
        return find(accountId, macroId).orElseThrow(() -> new NotFoundException("automation.macro_not_found", macroId));
    }

    /** The macro, if the account has it. */
    @Transactional(readOnly = true)
    public Optional<MacroView> find(String accountId, String macroId) {
        if (macroId == null || macroId.isBlank()) {
            throw new InvalidInputException("macro_id", "parameter.required");
        }
        return repository.find(accountId, macroId.strip());
    }

    /** Every macro of the account, shared and operators' own, by name. */
    @Transactional(readOnly = true)
    public List<MacroView> list(String accountId) {
        return repository.list(accountId);
    }

    /** The macros the operator may use: the shared ones and their own, by name. */
    @Transactional(readOnly = true)
    public List<MacroView> usableBy(String accountId, String operatorId) {
        return repository.list(accountId).stream().filter(macro -> macro.usableBy(operatorId)).toList();
    }

    /** The macro's reply as it would be sent on the ticket by the operator (null when the macro has none). */
    @Transactional(readOnly = true)
    public String preview(String accountId, String ticketId, String macroId, String operatorId) {
        var macro = usable(accountId, macroId, operatorId);
        tickets.get(accountId, ticketId);
        return macro.reply() == null ? null : actions.fill(accountId, ticketId, operatorId, macro.reply());
    }

    /**
     * The macro's reply for a conversation that is not a ticket (a live chat), placeholders filled from {@code values}
     * by name ({@link Placeholders#NAMES}; one without a value becomes empty); {@code null} when the macro has no reply.
     * Not found for an unknown macro or operator; refused for another operator's own macro.
     */
    @Transactional(readOnly = true)
    public String fillReply(String accountId, String macroId, String operatorId, Map<String, String> values) {
        var macro = usable(accountId, macroId, operatorId);
        return macro.reply() == null ? null : Placeholders.fill(macro.reply(), values);
    }

    /**
     * Applies the macro to the ticket as the operator: its reply first, in the name of the operator (who must be
     * the ticket's operator), then its actions in order. Not found for an unknown ticket, macro or operator;
     * refused for another operator's own macro; any refusal of the reply or of an action changes nothing.
     */
    @Transactional
    public void apply(String accountId, String ticketId, String macroId, String operatorId, TicketChannel channel) {
        var ticket = tickets.get(accountId, ticketId);
        var macro = usable(accountId, macroId, operatorId);
        if (macro.reply() != null) {
            if (!operatorId.equals(ticket.operatorId())) {
                throw new RuleViolationException("automation.macro_reply_needs_operator", macro.name());
            }
            tickets.replyByOperator(accountId, ticket.id(), actions.fill(accountId, ticket.id(), operatorId, macro.reply()),
                    List.of(), null, null, channel);
        }
        actions.apply(accountId, ticket.id(), operatorId, macro.actions(), channel);
    }

    /** An operator's own macros go with them. */
    @EventListener
    void on(OperatorDeleted deleted) {
        repository.deleteOwnedBy(deleted.accountId(), deleted.operatorId());
    }

    private MacroView usable(String accountId, String macroId, String operatorId) {
        if (operatorId == null || operatorId.isBlank()) {
            throw new InvalidInputException("operator_id", "parameter.required");
        }
        var macro = get(accountId, macroId);
        operators.get(accountId, operatorId);
        if (!macro.usableBy(operatorId)) {
            throw new RuleViolationException("automation.macro_private", macro.name());
        }
        return macro;
    }

    private SaveMacro check(String accountId, SaveMacro command) {
        String name = Inputs.requiredText("name", command.name(), MAX_NAME);
        String reply = Inputs.optionalText("reply", command.reply(), MAX_REPLY);
        if (reply != null && reply.isEmpty()) {
            reply = null;
        }
        if (reply != null && !Inputs.hasNoControlCharacters(reply)) {
            throw new InvalidInputException("reply", "parameter.invalid");
        }
        Placeholders.check("reply", reply);
        var given = command.actions() == null ? List.<Action>of() : command.actions();
        if (reply == null && given.isEmpty()) {
            throw new InvalidInputException("actions", "automation.macro_empty");
        }
        actions.checkReferences(accountId, "actions", given);
        if (command.operatorId() != null) {
            operators.get(accountId, command.operatorId());
        }
        return new SaveMacro(name, reply, given, command.operatorId());
    }
}
