package io.atende.automation;

import java.util.List;

import io.atende.ticket.TicketChannel;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time-based automations: rules without events that a sweep judges against every open ticket every few minutes, on
 * one node at a time. An automation acts on a ticket at most once while its conditions hold, and again only after
 * they stopped holding. Defined, checked and audited as triggers are ({@link TriggerManagement}); the events of a
 * {@link SaveRule} are ignored.
 */
@Service
public class AutomationManagement {

    private final TriggerManagement rules;
    private final RuleRepository repository;

    AutomationManagement(TriggerManagement rules, RuleRepository repository) {
        this.rules = rules;
        this.repository = repository;
    }

    @Transactional
    public RuleView create(String accountId, SaveRule command) {
        return rules.create(RuleKind.AUTOMATION, accountId, command);
    }

    @Transactional
    public RuleView update(String accountId, String automationId, SaveRule command) {
        return rules.update(RuleKind.AUTOMATION, accountId, automationId, command);
    }

    @Transactional
    public void delete(String accountId, String automationId) {
        rules.delete(RuleKind.AUTOMATION, accountId, automationId);
    }

    /** The automation, or not found. */
    @Transactional(readOnly = true)
    public RuleView get(String accountId, String automationId) {
        return rules.get(RuleKind.AUTOMATION, accountId, automationId);
    }

    /**
     * Judges the automation against the ticket as it is now, as a sweep would (its channel condition sees
     * {@code other}), and changes nothing. Not found for an unknown automation or ticket.
     */
    @Transactional(readOnly = true)
    public RuleTestResult test(String accountId, String automationId, String ticketId) {
        return rules.test(RuleKind.AUTOMATION, accountId, automationId, ticketId, TicketChannel.OTHER);
    }

    /** Judges a definition not saved (checked as {@link #create} checks it) against the ticket; changes nothing. */
    @Transactional(readOnly = true)
    public RuleTestResult test(String accountId, SaveRule definition, String ticketId) {
        return rules.test(RuleKind.AUTOMATION, accountId, definition, ticketId, TicketChannel.OTHER);
    }

    /** Moves the account's automations into the order of {@code ids}, which must name each of them once. */
    @Transactional
    public List<RuleView> reorder(String accountId, List<String> ids) {
        return rules.reorder(RuleKind.AUTOMATION, accountId, ids);
    }

    /** Turns an automation on or off without judging its definition again. */
    @Transactional
    public RuleView activate(String accountId, String automationId, boolean on) {
        return rules.activate(RuleKind.AUTOMATION, accountId, automationId, on);
    }

    /** Every automation of the account in position order, with its run counters. */
    @Transactional(readOnly = true)
    public List<RuleView> list(String accountId) {
        return repository.list(accountId, RuleKind.AUTOMATION);
    }
}
