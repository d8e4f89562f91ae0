package io.atende.api.v2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atende.platform.RateLimit;
import io.atende.platform.RateLimiter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Throttles token guessing: every refused token (401, account or platform token) draws on a budget
 * of its client address, shared by all nodes through {@link RateLimiter}. Once an address has used
 * it up, its requests are refused with 429 and {@code Retry-After} until the budget refills, whatever
 * token they present, so that a guess that happens to be right cannot be told from a wrong one;
 * other addresses are not affected.
 */
@Component
class FailedAuthentications {

    /** The rate limiter's buckets belong to accounts; an address's failures belong to none. */
    private static final String NO_ACCOUNT = "-";

    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final RateLimit limit;
    /** Addresses this node has seen exhaust their budget, until when: spares the database a read per request. */
    private final Cache<String, Instant> blocked = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    FailedAuthentications(RateLimiter rateLimiter, Clock clock,
                          @Value("${atende.api.failed-authentication.per-second:1}") int perSecond,
                          @Value("${atende.api.failed-authentication.burst:20}") int burst) {
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.limit = new RateLimit(perSecond, burst);
    }

    /** Refuses the request with 429 when its address has used up its budget of failures. */
    void requireNotBlocked(String address) {
        var until = blocked.getIfPresent(address);
        if (until == null) {
            return;
        }
        var now = clock.instant();
        if (!now.isBefore(until)) {
            blocked.invalidate(address);
            return;
        }
        long millis = Duration.between(now, until).toMillis();
        throw tooMany(Math.max(1, (millis + 999) / 1000));
    }

    /** Counts a refused token from the address; the refusal becomes 429 once the budget is used up. */
    ApiException refused(String address, String messageKey) {
        var decision = rateLimiter.acquire(NO_ACCOUNT, "auth-failure:" + address, limit);
        if (decision.allowed()) {
            return new ApiException(HttpStatus.UNAUTHORIZED, messageKey);
        }
        blocked.put(address, clock.instant().plusSeconds(decision.retryAfterSeconds()));
        return tooMany(decision.retryAfterSeconds());
    }

    private static ApiException tooMany(long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)),
                "auth.too_many_failures", retryAfterSeconds);
    }
}
