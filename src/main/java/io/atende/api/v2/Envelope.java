package io.atende.api.v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.atende.platform.NotFoundException;
import io.atende.platform.Page;

/**
 * The response envelope of docs/api.md, The envelope: {@code error}, {@code message}, {@code success},
 * {@code data}, plus paging members on lists and root ids on creations.
 */
final class Envelope {

    private Envelope() {
    }

    static Map<String, Object> ok(String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", false);
        body.put("message", message);
        body.put("success", true);
        body.put("data", data);
        return body;
    }

    /** A creation: the payload plus root fields such as {@code id} (kept for TomTicket clients). */
    static Map<String, Object> created(String message, Object data, Map<String, Object> rootFields) {
        var body = ok(message, data);
        body.putAll(rootFields);
        return body;
    }

    /** A page of a list; a page past the last one (when there are matches) is 404. */
    static <T> Map<String, Object> page(String message, Page<T> page, Function<? super T, ?> toWire) {
        if (page.isBeyondLast()) {
            throw new NotFoundException("page.not_found", page.request().page(), page.pages());
        }
        List<Object> items = page.items().stream().<Object>map(toWire).toList();
        var body = ok(message, items);
        int current = page.request().page();
        body.put("size", page.total());
        body.put("pages", page.pages());
        body.put("current_page", current);
        body.put("next_page", current < page.pages() ? current + 1 : null);
        body.put("previous_page", current > 1 ? current - 1 : null);
        if (page.capped()) {
            // [ext] A search's count stops at a cap; clients that page by next_page are unaffected.
            body.put("size_capped", true);
        }
        return body;
    }

    /** A whole, unpaged list with its {@code size}. */
    static Map<String, Object> list(String message, List<?> items) {
        var body = ok(message, items);
        body.put("size", items.size());
        return body;
    }

    static Map<String, Object> failure(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("message", message);
        body.put("success", false);
        return body;
    }
}
