package io.atende.importing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.atende.chat.ChatSituation;
import io.atende.chat.SenderType;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketType;

import tools.jackson.databind.JsonNode;

/**
 * Reading TomTicket's wire format as a client: its dates, codes and empty references. The API face maps the same codes
 * as a server; the importer is the one domain module that reads them, because the source speaks nothing else.
 */
final class SourceWire {

    /** Where TomTicket's dates are when they carry no offset. */
    static final ZoneId SOURCE_ZONE = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter QUERY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx").withZone(ZoneId.of("UTC"));
    private static final List<Situation> SITUATIONS = List.of(Situation.NO_OPERATOR, Situation.NOT_STARTED,
            Situation.AWAITING_CUSTOMER, Situation.AWAITING_OPERATOR, Situation.CANCELLED, Situation.FINISHED,
            Situation.OPERATOR_CHANGED, Situation.SENT_TO_SUPPORT_TEAM, Situation.AWAITING_FINISH_APPROVAL,
            Situation.AWAITING_CANCEL_APPROVAL, Situation.AWAITING_MANAGER_EVALUATION, Situation.AWAITING_CUSTOMER_APPROVAL);

    private SourceWire() {
    }

    /** A malformed object of the source: recorded as the object's failure. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    static String text(JsonNode node, String field) {
        var value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new Malformed("the source gave no " + field);
        }
        return value;
    }

    /** The id of a reference such as {@code "department": {"id": ..., "name": ...}}; null when empty. */
    static String refId(JsonNode node, String field) {
        String id = text(node.get(field), "id");
        return id == null || id.isBlank() ? null : id;
    }

    static Integer integer(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || value.isNull() || value.asString().isBlank()) {
            return null;
        }
        try {
            return value.isNumber() ? value.asInt() : Integer.parseInt(value.asString().strip());
        } catch (NumberFormatException notNumber) {
            throw new Malformed(field + " is not a number: " + value.asString());
        }
    }

    static boolean flag(JsonNode node, String field, boolean otherwise) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asString().strip();
        return text.equals("1") || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("S") || text.equalsIgnoreCase("Y");
    }

    /** A custom field's value as text: numbers and flags as written, a list joined by commas; null when empty. */
    static String value(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "1" : "0";
        }
        if (value.isArray()) {
            List<String> parts = new java.util.ArrayList<>();
            value.forEach(part -> parts.add(part.asString()));
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
        String text = value.asString();
        return text.isEmpty() ? null : text;
    }

    /** A select field's options: a list (of texts, or of objects with a name or label), or one text, a line each. */
    static List<String> options(JsonNode options) {
        if (options == null || options.isNull()) {
            return List.of();
        }
        List<String> list = new java.util.ArrayList<>();
        if (options.isArray()) {
            options.forEach(option -> {
                String text = option.isObject() ? (option.hasNonNull("name") ? text(option, "name") : text(option, "label")) : option.asString();
                if (text != null && !text.isBlank()) {
                    list.add(text.strip());
                }
            });
        } else {
            for (String line : options.asString().split("\\R")) {
                if (!line.isBlank()) {
                    list.add(line.strip());
                }
            }
        }
        return list;
    }

    /** A date of the source; null when absent. */
    static Instant date(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip(), WITH_OFFSET).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(text.strip(), LOCAL).atZone(SOURCE_ZONE).toInstant();
            } catch (DateTimeParseException malformed) {
                throw new Malformed(field + " is not a date: " + text);
            }
        }
    }

    /** A date as the source's filters read it. */
    static String queryDate(Instant instant) {
        return QUERY.format(instant);
    }

    static Situation situation(int code) {
        if (code < 0 || code >= SITUATIONS.size()) {
            throw new Malformed("unknown situation " + code);
        }
        return SITUATIONS.get(code);
    }

    /** A chat's situation: 1 queued, 2 in progress, 3 finished, 4 not attended (the customer left the queue). */
    static ChatSituation chatSituation(int code) {
        return switch (code) {
            case 1 -> ChatSituation.QUEUED;
            case 2 -> ChatSituation.IN_PROGRESS;
            case 3 -> ChatSituation.FINISHED;
            case 4 -> ChatSituation.ABANDONED;
            default -> throw new Malformed("unknown chat situation " + code);
        };
    }

    /** A chat message's sender: A operator, C customer, S (or anything else) the system. */
    static SenderType chatSender(String code) {
        if ("A".equalsIgnoreCase(code)) {
            return SenderType.OPERATOR;
        }
        return "C".equalsIgnoreCase(code) ? SenderType.CUSTOMER : SenderType.SYSTEM;
    }

    static Priority priority(Integer code) {
        if (code == null) {
            return Priority.NORMAL;
        }
        return switch (code) {
            case 1 -> Priority.LOW;
            case 2 -> Priority.NORMAL;
            case 3 -> Priority.HIGH;
            case 4 -> Priority.URGENT;
            default -> throw new Malformed("unknown priority " + code);
        };
    }

    static TicketType ticketType(String code) {
        return "I".equalsIgnoreCase(code) ? TicketType.INTERNAL : TicketType.EXTERNAL;
    }

    /** Y, N or nothing. */
    static Boolean solved(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return code.strip().equalsIgnoreCase("Y") || code.strip().equalsIgnoreCase("S");
    }
}
