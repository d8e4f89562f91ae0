package io.atende.api.v2;

import io.atende.account.AccountManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RateLimit;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Rate limits as accounts and tokens take and show them: {@code rate_limit_per_second} with {@code rate_limit_burst}. */
final class RateLimits {

    static final String PER_SECOND = "rate_limit_per_second";
    static final String BURST = "rate_limit_burst";

    private RateLimits() {
    }

    /** {@code {per_second, burst}}; a token that follows its account's limit shows both as {@code null}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RateLimitWire(Integer perSecond, Integer burst) {

        static final RateLimitWire NONE = new RateLimitWire(null, null);

        static RateLimitWire of(RateLimit limit) {
            return limit == null ? NONE : new RateLimitWire(limit.perSecond(), limit.burst());
        }
    }

    /** The limit sent, or {@code null} when neither parameter was; one without the other is 400. */
    static RateLimit read(ApiParams params) {
        var perSecond = params.integer(PER_SECOND, 1, AccountManagement.MAX_RATE_LIMIT);
        var burst = params.integer(BURST, 1, AccountManagement.MAX_RATE_LIMIT);
        if (perSecond.isPresent() != burst.isPresent()) {
            String missing = perSecond.isPresent() ? BURST : PER_SECOND;
            String given = perSecond.isPresent() ? PER_SECOND : BURST;
            throw new InvalidInputException(missing, "rate_limit.both_or_neither", given);
        }
        return perSecond.map(rate -> new RateLimit(rate, burst.get())).orElse(null);
    }
}
