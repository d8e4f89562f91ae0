package io.atende.automation;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atende.platform.InvalidInputException;

/**
 * The placeholders a macro's or an action's text may carry, such as {@code {{customer.name}}}, filled for one ticket when
 * the text is used. An unknown placeholder is refused when the text is saved, so a typo never reaches a customer.
 */
public final class Placeholders {

    /** Every known placeholder, in the order the documents list them. */
    public static final List<String> NAMES = List.of("customer.name", "customer.email", "ticket.protocol", "ticket.subject",
            "department.name", "operator.name", "sla.resolution.deadline");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private Placeholders() {
    }

    /** Refuses a text with a placeholder not in {@link #NAMES}, naming the parameter and the placeholder. */
    public static void check(String parameter, String text) {
        if (text == null) {
            return;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!NAMES.contains(matcher.group(1))) {
                throw new InvalidInputException(parameter, "automation.unknown_placeholder", matcher.group(),
                        String.join(", ", NAMES.stream().map(name -> "{{" + name + "}}").toList()));
            }
        }
    }

    /** Whether the text carries the placeholder, so that a value costly to read is read only when used. */
    static boolean mentions(String text, String name) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text with each placeholder replaced by its value (empty when the ticket has none, e.g. no operator). Other
     * modules' texts (the e-mail templates) use the same syntax with their own names, so they share this.
     */
    public static String fill(String text, Map<String, String> values) {
        return fill(text, name -> values.get(name));
    }

    /** As {@link #fill(String, Map)}, the value of each name given by {@code valueOf} (which may answer {@code null}). */
    public static String fill(String text, java.util.function.Function<String, String> valueOf) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> {
            String value = valueOf.apply(match.group(1));
            return Matcher.quoteReplacement(value == null ? "" : value);
        });
    }

    /** The placeholders the text carries, each once, in the order they first appear (as written, e.g. {@code {{ x }}} gives {@code x}). */
    public static java.util.Set<String> namesIn(String text) {
        var names = new java.util.LinkedHashSet<String>();
        if (text != null) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
