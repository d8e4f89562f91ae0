package io.atende.console.tickets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.atende.platform.InvalidInputException;
import io.atende.ticket.Situation;

/**
 * The queue URLs' {@code situation} parameter: the situation's name in lower case ({@code ?situation=awaiting_customer}).
 * Queue URLs once carried numbers instead; those still read as their situations, so bookmarks keep working.
 */
final class SituationParameter {

    /** The situation each number of the earlier queue URLs stood for, in order from 0. */
    private static final List<Situation> EARLIER_NUMBERS = List.of(Situation.NO_OPERATOR, Situation.NOT_STARTED,
            Situation.AWAITING_CUSTOMER, Situation.AWAITING_OPERATOR, Situation.CANCELLED, Situation.FINISHED,
            Situation.OPERATOR_CHANGED, Situation.SENT_TO_SUPPORT_TEAM, Situation.AWAITING_FINISH_APPROVAL,
            Situation.AWAITING_CANCEL_APPROVAL, Situation.AWAITING_MANAGER_EVALUATION, Situation.AWAITING_CUSTOMER_APPROVAL);

    private SituationParameter() {
    }

    /** The parameter's value for a situation. */
    static String value(Situation situation) {
        return situation.name().toLowerCase(Locale.ROOT);
    }

    /** The situation a value names (in any case) or an earlier URL's number stands for; 400 in place for anything else. */
    static Situation of(String value) {
        return find(value).orElseThrow(() -> new InvalidInputException("situation", "parameter.not_one_of",
                Arrays.stream(Situation.values()).map(SituationParameter::value).collect(Collectors.joining(", "))));
    }

    /** The value as the queue's own links write it; one this cannot read stays as typed, for the form to show back. */
    static String normalized(String value) {
        return find(value).map(SituationParameter::value).orElse(value);
    }

    private static Optional<Situation> find(String value) {
        String text = value.strip();
        if (text.matches("\\d{1,2}") && Integer.parseInt(text) < EARLIER_NUMBERS.size()) {
            return Optional.of(EARLIER_NUMBERS.get(Integer.parseInt(text)));
        }
        return Arrays.stream(Situation.values()).filter(situation -> situation.name().equalsIgnoreCase(text)).findFirst();
    }

    /** A situation with its parameter value, for the filter form's options and the count links. */
    record Choice(Situation situation, String value) {

        static Choice of(Situation situation) {
            return new Choice(situation, SituationParameter.value(situation));
        }

        static List<Choice> all() {
            return Arrays.stream(Situation.values()).map(Choice::of).toList();
        }
    }
}
