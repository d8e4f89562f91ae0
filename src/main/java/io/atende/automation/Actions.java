package io.atende.automation;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.account.AccountManagement;
import io.atende.assignment.AutomaticAssignment;
import io.atende.customer.CustomerManagement;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.sla.TicketClocks;
import io.atende.sla.TicketSlaReading;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketStatusView;
import io.atende.ticket.TicketView;
import io.atende.webhook.WebhookManagement;
import io.atende.webhook.WebhookNotificationRequested;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies actions to a ticket through {@link TicketManagement}, in their order and in one transaction: the first
 * refusal undoes every change the actions before it made, and none of their events is delivered.
 */
@Service
public class Actions {

    /** How {@code {{sla.resolution.deadline}}} shows the deadline, in the account's time zone. */
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TicketManagement tickets;
    private final TicketStatusManagement statuses;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final CustomFieldManagement customFields;
    private final TicketClocks clocks;
    private final AccountManagement accounts;
    private final ApplicationEventPublisher events;
    private final WebhookManagement webhooks;
    private final AutomaticAssignment assignment;

    Actions(TicketManagement tickets, TicketStatusManagement statuses, CustomerManagement customers,
            DepartmentManagement departments, OperatorManagement operators, CustomFieldManagement customFields,
            TicketClocks clocks, AccountManagement accounts, ApplicationEventPublisher events, WebhookManagement webhooks,
            AutomaticAssignment assignment) {
        this.assignment = assignment;
        this.webhooks = webhooks;
        this.events = events;
        this.clocks = clocks;
        this.accounts = accounts;
        this.tickets = tickets;
        this.statuses = statuses;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.customFields = customFields;
    }

    /**
     * Refuses (invalid, naming {@code <parameter>[<index>]}) an action referring to a department, operator,
     * category, custom status or ticket custom field the account does not have, so that a rule is not saved
     * to fail on every ticket.
     */
    @Transactional(readOnly = true)
    public void checkReferences(String accountId, String parameter, List<Action> actions) {
        Set<String> departmentIds = null;
        Set<String> categoryIds = null;
        Set<String> statusIds = null;
        Set<String> fieldIds = null;
        for (int i = 0; i < actions.size(); i++) {
            String name = parameter + "[" + i + "]";
            var action = actions.get(i);
            if (action instanceof Action.Transfer transfer) {
                if (transfer.departmentId() != null) {
                    if (departmentIds == null) {
                        departmentIds = departments.listDepartments(accountId).stream().map(DepartmentView::id).collect(Collectors.toSet());
                    }
                    require(name, action, transfer.departmentId(), departmentIds);
                }
                if (transfer.operatorId() != null) {
                    require(name, action, transfer.operatorId(), operators.findAll(accountId, List.of(transfer.operatorId())).keySet());
                }
            } else if (action instanceof Action.NotifyWebhook notify) {
                try {
                    webhooks.get(accountId, notify.webhookId());
                } catch (NotFoundException unknown) {
                    require(name, action, notify.webhookId(), Set.of());
                }
            } else if (action instanceof Action.Email email && (email.departmentId() != null || email.operatorId() != null)) {
                if (email.departmentId() != null) {
                    if (departmentIds == null) {
                        departmentIds = departments.listDepartments(accountId).stream().map(DepartmentView::id).collect(Collectors.toSet());
                    }
                    require(name, action, email.departmentId(), departmentIds);
                } else {
                    require(name, action, email.operatorId(), operators.findAll(accountId, List.of(email.operatorId())).keySet());
                }
            } else if (action instanceof Action.SetCategory category && category.categoryId() != null) {
                if (categoryIds == null) {
                    categoryIds = departments.listAllCategories(accountId).stream().map(CategoryView::id).collect(Collectors.toSet());
                }
                require(name, action, category.categoryId(), categoryIds);
            } else if (action instanceof Action.OpenStatus status) {
                if (statusIds == null) {
                    statusIds = statuses.list(accountId).stream().map(TicketStatusView::id).collect(Collectors.toSet());
                }
                require(name, action, status.statusId(), statusIds);
            } else if (action instanceof Action.SetCustomField field) {
                if (fieldIds == null) {
                    fieldIds = customFields.list(accountId, CustomFieldEntity.TICKET).stream().map(CustomFieldView::id)
                            .collect(Collectors.toSet());
                }
                require(name, action, field.fieldId(), fieldIds);
            }
        }
    }

    /**
     * The text with its placeholders filled for the ticket; {@code operatorId} (or, when null, the ticket's
     * operator) is {@code {{operator.name}}}.
     */
    @Transactional(readOnly = true)
    public String fill(String accountId, String ticketId, String operatorId, String text) {
        return fill(accountId, tickets.get(accountId, ticketId), operatorId, text);
    }

    /**
     * Applies the actions to the ticket in order, as {@code operatorId} (who writes the comments and is
     * {@code {{operator.name}}}; null: the ticket's operator); replies and finishing messages are the
     * ticket's operator's, as in the console. Any refusal propagates and nothing is changed.
     */
    @Transactional
    public void apply(String accountId, String ticketId, String operatorId, List<Action> actions, TicketChannel channel) {
        for (var action : actions) {
            apply(accountId, ticketId, operatorId, action, channel);
        }
    }

    private void apply(String accountId, String ticketId, String operatorId, Action action, TicketChannel channel) {
        if (action instanceof Action.Transfer transfer) {
            transfer(accountId, ticketId, transfer);
        } else if (action instanceof Action.SetPriority priority) {
            tickets.changePriority(accountId, ticketId, priority.priority());
        } else if (action instanceof Action.SetCategory category) {
            tickets.changeCategory(accountId, ticketId, category.categoryId());
        } else if (action instanceof Action.OpenStatus status) {
            tickets.openStatus(accountId, ticketId, status.statusId(), null);
        } else if (action instanceof Action.CloseStatus) {
            tickets.closeStatus(accountId, ticketId);
        } else if (action instanceof Action.AssignAutomatically) {
            assignment.assignAutomatically(accountId, ticketId);
        } else if (action instanceof Action.AddTag tag) {
            if (!hasTag(accountId, ticketId, tag.tag())) {
                tickets.addTag(accountId, ticketId, tag.tag());
            }
        } else if (action instanceof Action.RemoveTag tag) {
            if (hasTag(accountId, ticketId, tag.tag())) {
                tickets.removeTag(accountId, ticketId, tag.tag());
            }
        } else if (action instanceof Action.SetCustomField field) {
            tickets.setCustomField(accountId, ticketId, field.fieldId(), field.value());
        } else if (action instanceof Action.Reply reply) {
            tickets.replyByOperator(accountId, ticketId, fill(accountId, tickets.get(accountId, ticketId), operatorId, reply.text()),
                    List.of(), null, null, channel);
        } else if (action instanceof Action.Comment comment) {
            String text = fill(accountId, tickets.get(accountId, ticketId), operatorId, comment.text());
            if (operatorId == null) {
                tickets.comment(accountId, ticketId, text, List.of());
            } else {
                tickets.comment(accountId, ticketId, operatorId, text, List.of());
            }
        } else if (action instanceof Action.NotifyWebhook notify) {
            var ticket = tickets.get(accountId, ticketId);
            var rule = Actors.current();
            events.publishEvent(new WebhookNotificationRequested(accountId, notify.webhookId(), ticketId, ticket.protocol(),
                    rule.kind() == Actor.Kind.RULE ? rule.id() : null, rule.kind() == Actor.Kind.RULE ? rule.name() : null,
                    fill(accountId, ticket, operatorId, notify.message())));
        } else if (action instanceof Action.Email email) {
            var ticket = tickets.get(accountId, ticketId);
            events.publishEvent(new TicketEmailRequested(accountId, ticketId, email.operatorId(), email.departmentId(), email.address(),
                    fill(accountId, ticket, operatorId, email.subject()), fill(accountId, ticket, operatorId, email.text())));
        } else if (action instanceof Action.Finish finish) {
            tickets.finish(accountId, ticketId, fill(accountId, tickets.get(accountId, ticketId), operatorId, finish.text()),
                    List.of(), null, Map.of(), channel);
        }
    }

    /**
     * A ticket with an operator is transferred as by {@code /ticket/transfer}; one still in a queue (a new ticket,
     * usually) is moved to the department's queue and then linked to the operator, if one is named.
     */
    private void transfer(String accountId, String ticketId, Action.Transfer transfer) {
        if (tickets.get(accountId, ticketId).operatorId() != null) {
            tickets.transfer(accountId, ticketId, transfer.departmentId(), transfer.operatorId());
            return;
        }
        if (transfer.departmentId() != null) {
            tickets.moveToQueue(accountId, ticketId, transfer.departmentId());
        }
        if (transfer.operatorId() != null) {
            tickets.linkOperator(accountId, ticketId, transfer.operatorId());
        }
    }

    private boolean hasTag(String accountId, String ticketId, String tag) {
        String key = tag.strip().toLowerCase(Locale.ROOT);
        return tickets.tags(accountId, ticketId).stream().anyMatch(present -> present.toLowerCase(Locale.ROOT).equals(key));
    }

    private String fill(String accountId, TicketView ticket, String operatorId, String text) {
        Map<String, String> values = new HashMap<>();
        values.put("ticket.protocol", Long.toString(ticket.protocol()));
        values.put("ticket.subject", ticket.subject());
        var customer = customers.get(accountId, ticket.customerId());
        values.put("customer.name", customer.name());
        values.put("customer.email", customer.email());
        values.put("department.name", departments.getDepartment(accountId, ticket.departmentId()).name());
        String operator = operatorId != null ? operatorId : ticket.operatorId();
        if (operator != null) {
            values.put("operator.name", operators.findAll(accountId, List.of(operator)).values().stream().findFirst()
                    .map(OperatorView::name).orElse(null));
        }
        if (Placeholders.mentions(text, "sla.resolution.deadline")) {
            var reading = clocks.readings(accountId, List.of(ticket.id())).get(ticket.id());
            var deadline = reading == null ? null : reading.resolution().map(TicketSlaReading.Target::deadline).orElse(null);
            if (deadline != null) {
                values.put("sla.resolution.deadline", DEADLINE.format(deadline.atZone(accounts.get(accountId).timeZone())));
            }
        }
        return Placeholders.fill(text, values);
    }

    private static void require(String name, Action action, String id, Set<String> known) {
        if (!known.contains(id)) {
            throw new InvalidInputException(name, "automation.action_unknown_reference", action.type(), id);
        }
    }
}
