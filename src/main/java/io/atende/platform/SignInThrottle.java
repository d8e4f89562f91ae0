package io.atende.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows down password guessing without letting anyone lock a person out. Failed sign-ins are
 * counted per client address, per typed e-mail and per the pair; once a key reaches its threshold,
 * further attempts on it are refused for a window that starts at {@link #FIRST_WAIT} and doubles with
 * each further failure (up to {@link #LONGEST_WAIT}). The pair's threshold is low and the e-mail's
 * high, so an attacker at one address is stopped long before the person at another address is
 * affected. Keys are counted whether or not the address belongs to anyone, so the answers say
 * nothing about which addresses exist. Counts live in the database, so every node sees them.
 */
@Component
public class SignInThrottle {

    /** Failures of one address on one e-mail before waits start. */
    public static final int PAIR_THRESHOLD = 5;
    /** Failures on one e-mail, from any address, before waits start. */
    public static final int LOGIN_THRESHOLD = 20;
    /** Failures from one address, on any e-mails, before waits start ({@code atende.sign-in.failures-per-address}). */
    public static final int ADDRESS_THRESHOLD = 50;
    public static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    public static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /** A key quiet this long after its last failure (or the end of its wait) starts again from zero. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int addressThreshold;

    @Autowired
    SignInThrottle(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
                   @Value("${atende.sign-in.failures-per-address:" + ADDRESS_THRESHOLD + "}") int addressThreshold) {
        this.addressThreshold = Math.max(1, addressThreshold);
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        // Counted even when the sign-in's own transaction rolls back.
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * One sign-in attempt, as far as throttling goes.
     *
     * @param area          {@code console} or {@code portal} (at most 10 characters)
     * @param scope         what the e-mail is unique within: the portal's account; empty for the console
     * @param clientAddress the address the attempt comes from
     * @param login         the e-mail as typed; compared case-insensitively
     */
    public record Attempt(String area, String scope, String clientAddress, String login) {

        public Attempt {
            scope = scope == null ? "" : scope;
            clientAddress = clientAddress == null ? "" : clientAddress;
            login = login == null ? "" : Keys.of(login);
        }
    }

    private List<Key> keys(Attempt attempt) {
        String address = addressKey(attempt.clientAddress());
        return List.of(new Key("p:" + digest(attempt.scope() + '\u0000' + address + '\u0000' + attempt.login()), PAIR_THRESHOLD),
                new Key("l:" + digest(attempt.scope() + '\u0000' + attempt.login()), LOGIN_THRESHOLD),
                new Key("a:" + digest(address), addressThreshold));
    }

    private record Key(String value, int threshold) {
    }

    /**
     * Makes a sign-in attempt under the throttle: refused unchecked while it has to wait, else {@code check} runs
     * and its answer counts as a success (found someone) or a failure (empty).
     *
     * @throws SignInRefusedException when the attempt has to wait, or when {@code check} finds nobody
     */
    public <T> T attempt(Attempt attempt, Supplier<Optional<T>> check) {
        var wait = waitBefore(attempt);
        if (wait.isPresent()) {
            throw new SignInRefusedException(wait.get());
        }
        var found = check.get();
        if (found.isPresent()) {
            succeeded(attempt);
            return found.get();
        }
        failed(attempt);
        throw new SignInRefusedException(null);
    }

    /** How long the attempt must wait before it is even checked; empty when it may go ahead. */
    public Optional<Duration> waitBefore(Attempt attempt) {
        var now = clock.instant();
        var keys = keys(attempt).stream().map(Key::value).toList();
        var until = jdbc.sql("select max(blocked_until) as latest from sign_in_throttle where area = :area and throttle_key in (:keys) and blocked_until > :now")
                .param("area", attempt.area()).param("keys", keys).param("now", SqlTimes.utc(now))
                .query((rs, n) -> SqlTimes.instant(rs, "latest")).optional().filter(java.util.Objects::nonNull);
        return until.map(end -> Duration.between(now, end));
    }

    /** Counts a failed attempt on each of its keys, starting or lengthening their waits. */
    public void failed(Attempt attempt) {
        var now = clock.instant();
        transactions.executeWithoutResult(status -> {
            for (var key : keys(attempt)) {
                count(attempt.area(), key, now);
            }
        });
    }

    /**
     * Forgets the failures on the e-mail and on this address's pair after a successful sign-in. The
     * address's own count stays: signing in to one's own account must not wipe out guesses at others.
     */
    public void succeeded(Attempt attempt) {
        var keys = keys(attempt).stream().filter(key -> !key.value().startsWith("a:")).map(Key::value).toList();
        transactions.executeWithoutResult(status -> jdbc.sql("delete from sign_in_throttle where area = :area and throttle_key in (:keys)")
                .param("area", attempt.area()).param("keys", keys).update());
    }

    private void count(String area, Key key, Instant now) {
        var select = "select failures, last_failure_at, blocked_until from sign_in_throttle where area = :area and throttle_key = :key for update";
        var row = jdbc.sql(select).param("area", area).param("key", key.value())
                .query((rs, n) -> new Row(rs.getInt("failures"), SqlTimes.instant(rs, "last_failure_at"), SqlTimes.instant(rs, "blocked_until")))
                .optional();
        if (row.isEmpty()) {
            jdbc.sql("""
                    insert into sign_in_throttle (area, throttle_key, failures, last_failure_at) values (:area, :key, 0, :now)
                    on conflict do nothing""")
                    .param("area", area).param("key", key.value()).param("now", SqlTimes.utc(now)).update();
            row = jdbc.sql(select).param("area", area).param("key", key.value())
                    .query((rs, n) -> new Row(rs.getInt("failures"), SqlTimes.instant(rs, "last_failure_at"), SqlTimes.instant(rs, "blocked_until")))
                    .optional();
        }
        var current = row.orElseThrow();
        if (current.blockedUntil() != null && current.blockedUntil().isAfter(now)) {
            // Refused attempts are not counted: waiting out the window is enough to be heard again.
            return;
        }
        var quietSince = current.blockedUntil() != null && current.blockedUntil().isAfter(current.lastFailureAt())
                ? current.blockedUntil() : current.lastFailureAt();
        int failures = quietSince.plus(FORGET_AFTER).isBefore(now) ? 1 : current.failures() + 1;
        Instant blockedUntil = failures >= key.threshold() ? now.plus(wait(failures - key.threshold())) : null;
        jdbc.sql("update sign_in_throttle set failures = :failures, last_failure_at = :now, blocked_until = :until where area = :area and throttle_key = :key")
                .param("failures", failures).param("now", SqlTimes.utc(now))
                .param("until", blockedUntil == null ? null : SqlTimes.utc(blockedUntil))
                .param("area", area).param("key", key.value()).update();
    }

    private record Row(int failures, Instant lastFailureAt, Instant blockedUntil) {
    }

    /** The wait after the threshold's failure and each one beyond it: 1, 2, 4 ... minutes, at most an hour. */
    static Duration wait(int beyondThreshold) {
        int doublings = Math.min(beyondThreshold, 12);
        var wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** Rows of keys quiet for longer than they are remembered would only be started afresh. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void forgetQuietKeys() {
        var cutoff = SqlTimes.utc(clock.instant().minus(FORGET_AFTER).minus(LONGEST_WAIT));
        jdbc.sql("delete from sign_in_throttle where last_failure_at < :cutoff").param("cutoff", cutoff).update();
    }

    /** An IPv6 client is counted by its /64 network, which one household or server typically holds whole. */
    private static String addressKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return address;
        }
        return address;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
