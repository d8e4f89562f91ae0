package io.atende.console.tickets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atende.console.ConsoleMessages;
import io.atende.platform.Actor;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketField;
import io.atende.ticket.TicketHistoryEntry;
import io.atende.ticket.TicketMessageView;

/**
 * The ticket page's conversation as one timeline: the messages and, between them, one line for each recorded change
 * ("Ana moved it from Suporte to Financeiro"), in the order they happened. The opening's line comes before the opening
 * message; a change made with a message (the closing message's finish) comes after it. The situation a reply moves
 * the ticket to is left out: the reply itself says it.
 */
final class TicketTimeline {

    /** A message or a change's line, with when it happened. */
    record Item(TicketMessageView message, String change, TicketField field, Instant at) {
    }

    /** The names the lines show, by id. */
    record Names(Map<String, String> operators, Map<String, String> departments, Map<String, String> categories,
                 Map<String, String> statuses, Map<String, String> customFields, Map<String, String> tickets) {
    }

    private static final Set<Situation> REPLIED = Set.of(Situation.AWAITING_CUSTOMER, Situation.AWAITING_OPERATOR);

    private final ConsoleMessages messages;
    private final Locale locale;
    private final Names names;

    private TicketTimeline(ConsoleMessages messages, Locale locale, Names names) {
        this.messages = messages;
        this.locale = locale;
        this.names = names;
    }

    static List<Item> of(List<TicketMessageView> conversation, List<TicketHistoryEntry> history, Names names,
                         ConsoleMessages messages, Locale locale) {
        var timeline = new TicketTimeline(messages, locale, names);
        Set<Instant> replies = new HashSet<>();
        conversation.forEach(message -> replies.add(message.createdAt()));
        List<Item> items = new ArrayList<>();
        conversation.forEach(message -> items.add(new Item(message, null, null, message.createdAt())));
        for (var entry : history) {
            boolean saidByReply = entry.field() == TicketField.SITUATION && replies.contains(entry.occurredAt())
                    && REPLIED.contains(Situation.valueOf(entry.newValue()));
            if (!saidByReply) {
                items.add(new Item(null, timeline.line(entry), entry.field(), entry.occurredAt()));
            }
        }
        // Stable: messages keep their order, and changes theirs.
        items.sort(Comparator.comparing(Item::at).thenComparing(item -> item.field() == TicketField.OPENED ? 0
                : item.message() != null ? 1 : 2));
        return items;
    }

    /** The line of the ticket's latest recorded change, or {@code null} for a ticket without history. */
    static Item latest(List<TicketHistoryEntry> history, Names names, ConsoleMessages messages, Locale locale) {
        if (history.isEmpty()) {
            return null;
        }
        var entry = history.get(history.size() - 1);
        return new Item(null, new TicketTimeline(messages, locale, names).line(entry), entry.field(), entry.occurredAt());
    }

    /** Ticket ids the lines name (parents, merges), for the caller to look up their protocols. */
    static Set<String> ticketIds(List<TicketHistoryEntry> history) {
        Set<String> ids = new HashSet<>();
        for (var entry : history) {
            if (entry.field() == TicketField.PARENT || entry.field() == TicketField.MERGED_INTO || entry.field() == TicketField.MERGED_FROM) {
                ids.add(entry.oldValue());
                ids.add(entry.newValue());
            }
        }
        ids.remove(null);
        return ids;
    }

    /** Operator ids the lines name, for the caller to look up with the ticket's others. */
    static Set<String> operatorIds(List<TicketHistoryEntry> history) {
        Set<String> ids = new HashSet<>();
        for (var entry : history) {
            if (entry.actor().kind() == Actor.Kind.OPERATOR) {
                ids.add(entry.actor().id());
            }
            if (entry.field() == TicketField.OPERATOR) {
                ids.add(entry.oldValue());
                ids.add(entry.newValue());
            }
        }
        ids.remove(null);
        return ids;
    }

    private String line(TicketHistoryEntry entry) {
        String who = actor(entry.actor());
        String before = value(entry.field(), entry.oldValue());
        String after = value(entry.field(), entry.newValue());
        String field = entry.field().name();
        return switch (entry.field()) {
            case OPENED -> entry.channel() == TicketChannel.OTHER ? text("desk.history.opened_plain", who)
                    : text("desk.history.opened", who, text("desk.history.channel." + entry.channel().name()));
            case SITUATION -> text("desk.history.situation", who, after);
            case EVALUATION -> entry.newValue() == null ? text("desk.history.evaluation_cleared", who)
                    : text("desk.history.evaluated", who, after);
            case TAG -> entry.newValue() != null ? text("desk.history.tag_added", who, after) : text("desk.history.tag_removed", who, before);
            case CUSTOM_FIELD -> text("desk.history.custom_field", who,
                    names.customFields().getOrDefault(entry.fieldRef(), "?"), after);
            case CUSTOMER -> text("desk.history.customer_changed", who);
            case PARENT -> entry.newValue() != null ? text("ticketwork.history.parent_set", who, after)
                    : text("ticketwork.history.parent_cleared", who, before);
            case MERGED_INTO -> text("ticketwork.history.merged_into", who, after);
            case MERGED_FROM -> text("ticketwork.history.merged_from", who, after);
            case STATUS -> entry.newValue() != null ? text("desk.history.status_opened", who, after)
                    : text("desk.history.status_closed", who, before);
            case DEPARTMENT, OPERATOR, CATEGORY, PRIORITY, SUBJECT -> entry.oldValue() == null
                    ? text("desk.history.set." + field, who, after)
                    : entry.newValue() == null ? text("desk.history.cleared." + field, who, before)
                    : text("desk.history.changed." + field, who, before, after);
        };
    }

    private String actor(Actor actor) {
        String name = actor.name() == null ? "?" : actor.name();
        return switch (actor.kind()) {
            case OPERATOR, CUSTOMER -> name;
            case API_TOKEN -> text("desk.history.actor.API_TOKEN", name);
            case EMAIL -> text("desk.history.actor.EMAIL", name);
            case RULE -> text("desk.history.actor.RULE", name);
            case ASSIGNMENT -> text("desk.history.actor.ASSIGNMENT");
            case IMPORT -> actor.name() == null ? text("desk.history.actor.IMPORT_SOURCE") : text("desk.history.actor.IMPORT", name);
            case SYSTEM -> text("desk.history.actor.SYSTEM");
        };
    }

    private String value(TicketField field, String value) {
        if (value == null) {
            return null;
        }
        return switch (field) {
            case OPENED, SITUATION -> text("desk.situation." + Situation.valueOf(value).name());
            case PRIORITY -> text("desk.priority." + PriorityField.value(Priority.valueOf(value)));
            case DEPARTMENT -> names.departments().getOrDefault(value, "?");
            case OPERATOR -> names.operators().getOrDefault(value, "?");
            case CATEGORY -> names.categories().getOrDefault(value, "?");
            case STATUS -> names.statuses().getOrDefault(value, "?");
            case EVALUATION, SUBJECT, TAG, CUSTOM_FIELD, CUSTOMER -> value;
            case PARENT, MERGED_INTO, MERGED_FROM -> names.tickets().getOrDefault(value, "?");
        };
    }

    private String text(String key, Object... arguments) {
        return messages.text(key, locale, arguments);
    }
}
