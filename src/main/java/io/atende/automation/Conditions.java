package io.atende.automation;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.atende.customer.CustomerManagement;
import io.atende.customfield.CustomFieldValue;
import io.atende.platform.NotFoundException;
import io.atende.sla.SlaManagement;
import io.atende.ticket.SlaStatus;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketDetail;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketMessageView;

import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;
import org.springframework.transaction.annotation.Transactional;

/**
 * Judges a rule's conditions against a ticket as it is now: every condition ({@code matchAll}) or any of them; a
 * rule without conditions always holds. A condition on something the ticket lacks (no customer reply yet, no value
 * of the custom field) holds only for the negative operators.
 */
@Component
class Conditions {

    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int SHOWN = 300;
    // The words of the node's rules, made once rather than at every event; bounded, since rules are edited.
    private static final ConcurrentLruCache<String, Wanted> WANTED = new ConcurrentLruCache<>(1024, Wanted::of);

    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final SlaManagement sla;

    Conditions(TicketManagement tickets, CustomerManagement customers, SlaManagement sla) {
        this.tickets = tickets;
        this.customers = customers;
        this.sla = sla;
    }

    /**
     * What conditions are judged on: the ticket with its messages and tags, the event's channel and the moment. It
     * keeps the ticket's texts as conditions compare them once they were normalized, so that twenty rules looking for
     * words in one message normalize it once.
     */
    record Facts(TicketDetail ticket, TicketChannel channel, Instant now, Map<String, String> normalizedTexts) {

        Facts(TicketDetail ticket, TicketChannel channel, Instant now) {
            this(ticket, channel, now, new HashMap<>(4));
        }

        String normalizedText(String field, String text) {
            return normalizedTexts.computeIfAbsent(field, name -> normalized(text));
        }
    }

    @Transactional(readOnly = true)
    Facts facts(String accountId, String ticketId, TicketChannel channel, Instant now) {
        return new Facts(tickets.detail(accountId, ticketId), channel, now);
    }

    /** The tickets conditions are judged on, for several tickets at once: a few reads whatever their number. */
    @Transactional(readOnly = true)
    Map<String, TicketDetail> tickets(String accountId, Collection<String> ticketIds) {
        return tickets.findContents(accountId, ticketIds).stream()
                .collect(Collectors.toMap(detail -> detail.ticket().id(), Function.identity()));
    }

    @Transactional(readOnly = true)
    boolean hold(String accountId, boolean matchAll, List<Condition> conditions, Facts facts) {
        if (conditions.isEmpty()) {
            return true;
        }
        Predicate<Condition> holds = condition -> holds(accountId, condition, facts);
        return matchAll ? conditions.stream().allMatch(holds) : conditions.stream().anyMatch(holds);
    }

    /** One condition judged: whether it held, and what the ticket had (in the domain's words; null when it had nothing). */
    record Judged(boolean holds, String actual) {
    }

    private boolean holds(String accountId, Condition condition, Facts facts) {
        return judge(accountId, condition, facts, false).holds();
    }

    /** Judges one condition as {@link #hold} does, and says what the ticket's own value was (for a preview). */
    @Transactional(readOnly = true)
    Judged judge(String accountId, Condition condition, Facts facts) {
        return judge(accountId, condition, facts, true);
    }

    /** @param shown whether to say what the ticket had, which only a preview shows (costly for long texts) */
    private Judged judge(String accountId, Condition condition, Facts facts, boolean shown) {
        var ticket = facts.ticket().ticket();
        String value = condition.value();
        return switch (condition.field()) {
            case "department" -> equality(condition, ticket.departmentId());
            case "category" -> equality(condition, ticket.categoryId());
            case "status" -> equality(condition, ticket.statusId());
            case "operator" -> equality(condition, ticket.operatorId());
            case "customer" -> equality(condition, ticket.customerId());
            case "organization" -> equality(condition, organization(accountId, ticket.customerId()));
            case "situation" -> equality(condition, ticket.situation().name().toLowerCase(Locale.ROOT));
            case "channel" -> equality(condition, facts.channel().name().toLowerCase(Locale.ROOT));
            case "priority" -> {
                int actual = ticket.priority().ordinal();
                int wanted = io.atende.ticket.Priority.valueOf(value.toUpperCase(Locale.ROOT)).ordinal();
                boolean holds = switch (condition.operator()) {
                    case "is" -> actual == wanted;
                    case "is_not" -> actual != wanted;
                    case "greater_than" -> actual > wanted;
                    default -> actual < wanted;
                };
                yield new Judged(holds, ticket.priority().name().toLowerCase(Locale.ROOT));
            }
            case "tag" -> {
                boolean has = facts.ticket().tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(value));
                yield new Judged(condition.operator().equals("contains") == has,
                        facts.ticket().tags().isEmpty() ? null : String.join(", ", facts.ticket().tags()));
            }
            case "subject" -> text(condition, facts, "subject", ticket.subject(), shown);
            case "message" -> text(condition, facts, "message", latestMessage(facts.ticket()), shown);
            case "custom_field" -> customField(condition, facts.ticket());
            case "business_hours" -> {
                boolean inside = sla.getCalendar(accountId, value).calendar()
                        .businessTimeBetween(facts.now(), facts.now().plusSeconds(60)).compareTo(Duration.ZERO) > 0;
                yield new Judged(condition.operator().equals("is") == inside, inside ? "inside" : "outside");
            }
            default -> hours(condition, since(accountId, condition.field(), facts), facts.now());
        };
    }

    private static Judged equality(Condition condition, String actual) {
        boolean same = Objects.equals(condition.value(), actual);
        return new Judged(condition.operator().equals("is") == same, actual);
    }

    private String organization(String accountId, String customerId) {
        try {
            return customers.get(accountId, customerId).organizationId();
        } catch (NotFoundException gone) {
            return null;
        }
    }

    /** is/is_not compare the whole normalized text; contains/not_contains look for the words as whole words, in order. */
    private static Judged text(Condition condition, Facts facts, String field, String actual, boolean shown) {
        String text = facts.normalizedText(field, actual);
        Wanted wanted = WANTED.get(condition.value() == null ? "" : condition.value());
        boolean holds = switch (condition.operator()) {
            case "is" -> text.equals(wanted.text());
            case "is_not" -> !text.equals(wanted.text());
            case "contains" -> wanted.foundIn(text);
            default -> !wanted.foundIn(text);
        };
        return new Judged(holds, shown ? shown(actual) : null);
    }

    /** A condition's words, normalized, and the pattern that finds them as whole words. */
    private record Wanted(String text, Pattern words) {

        static Wanted of(String value) {
            String text = normalized(value);
            return new Wanted(text, text.isEmpty() ? null
                    : Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}])"));
        }

        boolean foundIn(String text) {
            return words == null || words.matcher(text).find();
        }
    }

    /** Lower case, accents and markup removed, runs of spaces as one. */
    static String normalized(String text) {
        if (text == null) {
            return "";
        }
        String plain = TAGS.matcher(text).replaceAll(" ");
        String bare = MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The text of the ticket's latest message other than an internal comment (the opening message at first). */
    private static String latestMessage(TicketDetail detail) {
        String latest = detail.ticket().message();
        for (TicketMessageView message : detail.messages()) {
            if (!message.kind().isComment()) {
                latest = message.body();
            }
        }
        return latest;
    }

    /** The text as a preview shows it: markup removed, spaces collapsed, at most {@value #SHOWN} characters. */
    private static String shown(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String plain = SPACES.matcher(TAGS.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
        return plain.length() > SHOWN ? plain.substring(0, SHOWN - 1) + "…" : plain;
    }

    private static Judged customField(Condition condition, TicketDetail detail) {
        String actual = java.util.stream.Stream.concat(detail.openingFields().stream(), detail.finishFields().stream())
                .filter(field -> field.fieldId().equals(condition.fieldId())).map(CustomFieldValue::value)
                .filter(Objects::nonNull).findFirst().orElse("");
        String wanted = condition.value();
        boolean holds = switch (condition.operator()) {
            case "is" -> normalized(actual).equals(normalized(wanted));
            case "is_not" -> !normalized(actual).equals(normalized(wanted));
            case "contains" -> normalized(actual).contains(normalized(wanted));
            case "not_contains" -> !normalized(actual).contains(normalized(wanted));
            default -> {
                Optional<Double> left = number(actual);
                Optional<Double> right = number(wanted);
                if (left.isEmpty() || right.isEmpty()) {
                    yield false;
                }
                yield condition.operator().equals("greater_than") ? left.get() > right.get() : left.get() < right.get();
            }
        };
        return new Judged(holds, actual.isEmpty() ? null : shown(actual));
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text.strip().replace(',', '.')));
        } catch (NumberFormatException | NullPointerException notNumber) {
            return Optional.empty();
        }
    }

    /** The moment a time field counts from; null when the ticket has none (no such reply, no breach). */
    private Instant since(String accountId, String field, Facts facts) {
        var detail = facts.ticket();
        var ticket = detail.ticket();
        return switch (field) {
            case "hours_since_created" -> ticket.createdAt();
            case "hours_in_situation" -> ticket.situationAt();
            case "hours_since_customer_reply" -> lastMessage(detail, false);
            case "hours_since_operator_reply" -> lastMessage(detail, true);
            default -> {
                var state = tickets.slaStates(accountId, List.of(ticket.id())).get(ticket.id());
                yield state != null && state.statusAt(facts.now()) == SlaStatus.BREACHED ? state.deadline() : null;
            }
        };
    }

    /** When the customer (the opening message included) or the operator last wrote to the other; comments do not count. */
    private static Instant lastMessage(TicketDetail detail, boolean byOperator) {
        Instant last = byOperator ? null : detail.ticket().createdAt();
        for (TicketMessageView message : detail.messages()) {
            if (!message.kind().isComment() && message.kind().byOperator() == byOperator) {
                last = message.createdAt();
            }
        }
        return last;
    }

    private static Judged hours(Condition condition, Instant since, Instant now) {
        if (since == null) {
            return new Judged(false, null);
        }
        double hours = Duration.between(since, now).toSeconds() / 3600.0;
        double wanted = Double.parseDouble(condition.value());
        boolean holds = condition.operator().equals("greater_than") ? hours > wanted : hours < wanted;
        // Two decimals say enough for a person comparing with the rule's threshold.
        return new Judged(holds, java.math.BigDecimal.valueOf(hours).setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString());
    }
}
