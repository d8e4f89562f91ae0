package io.atende.platform;

/** The HTTP status each face answers a {@link Refusal} with, kept in one place so that the faces agree. */
public final class RefusalStatuses {

    private RefusalStatuses() {
    }

    public static int status(Refusal refusal) {
        return switch (refusal) {
            case INVALID_INPUT -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case RULE_VIOLATION -> 409;
            case LIMIT_REACHED -> 429;
            case BUSY -> 503;
        };
    }

    public static int status(AtendeException failure) {
        return status(failure.refusal());
    }
}
