package io.atende.portal;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many chats and messages the widget may start, per client address within an account and per
 * account, on this node: each allowance is a token bucket (the whole allowance at once, refilled
 * evenly over the window), so a script cannot fill an account's queue or its customer list.
 */
@Component
class WidgetThrottle {

    private final int perAddress;
    private final int perAccount;
    private final long windowMillis;
    private final Clock clock;
    // The generic cell rate algorithm's theoretical arrival time of each bucket, in milliseconds.
    private final Cache<String, Long> arrivals;

    WidgetThrottle(@Value("${atende.chat.start-limit.per-address:10}") int perAddress,
                   @Value("${atende.chat.start-limit.per-account:300}") int perAccount,
                   @Value("${atende.chat.start-limit.window:1h}") Duration window, Clock clock) {
        if (perAddress < 1 || perAccount < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("atende.chat.start-limit.* must be positive");
        }
        this.perAddress = perAddress;
        this.perAccount = perAccount;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.arrivals = Caffeine.newBuilder().expireAfterAccess(window.plusMinutes(1)).maximumSize(100_000).build();
    }

    /**
     * Counts one chat (or message) started from {@code clientAddress} in the account, or refuses
     * with 429 and counts nothing when the address or the account has used its allowance.
     */
    synchronized void start(String accountId, String clientAddress) {
        long now = clock.millis();
        String account = "account/" + accountId;
        String address = "address/" + accountId + '/' + clientAddress;
        long accountNext = next(account, perAccount, now);
        long addressNext = next(address, perAddress, now);
        long wait = Math.max(waitFor(accountNext, now), waitFor(addressNext, now));
        if (wait > 0) {
            long minutes = Math.max(1, (wait + 59_999) / 60_000);
            throw WidgetLimitException.tooMany((wait + 999) / 1000, "portal.widget.too_many_chats", minutes);
        }
        arrivals.put(account, accountNext);
        arrivals.put(address, addressNext);
    }

    private long next(String key, int allowance, long now) {
        Long stored = arrivals.getIfPresent(key);
        return Math.max(stored == null ? now : stored, now) + windowMillis / allowance;
    }

    // The bucket holds a whole window's allowance: an arrival further ahead than that is refused.
    private long waitFor(long next, long now) {
        return next - now - windowMillis;
    }
}
