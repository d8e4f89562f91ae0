package io.atende.platform;

import java.util.List;
import java.util.function.Function;

/**
 * The items of one page and the number of matches across all pages.
 *
 * @param capped the matches were counted up to {@code total} and there may be more (a count too costly to finish)
 */
public record Page<T>(List<T> items, long total, PageRequest request, boolean capped) {

    public Page {
        items = List.copyOf(items);
    }

    public Page(List<T> items, long total, PageRequest request) {
        this(items, total, request, false);
    }

    public int pages() {
        return (int) ((total + request.size() - 1) / request.size());
    }

    /** A page past the last one, when there is something to page through. */
    public boolean isBeyondLast() {
        return total > 0 && request.page() > pages();
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total, request, capped);
    }
}
