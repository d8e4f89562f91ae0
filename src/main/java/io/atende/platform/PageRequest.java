package io.atende.platform;

/** One page of a list; pages are numbered from 1 and hold a fixed number of items. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;

    public PageRequest {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("page and size start at 1");
        }
    }

    public static PageRequest of(int page) {
        return new PageRequest(page, DEFAULT_SIZE);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }
}
