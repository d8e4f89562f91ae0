package io.atende.platform;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-account sequences (ticket and chat protocols). The counter row stays locked until the
 * caller's transaction ends, so a number is never handed out twice on any node; a rolled-back
 * insert gives its number back.
 */
@Component
public class ProtocolCounters {

    private final JdbcClient jdbc;
    /** Advances an existing counter and answers its new value; empty when the account has no counter of the kind yet. */
    private final Advance advance;

    private interface Advance {
        Optional<Long> next(String accountId, String kind);
    }

    ProtocolCounters(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.advance = switch (database) {
            case POSTGRESQL -> this::advanceReturning;
            case H2 -> this::advanceThenRead;
        };
    }

    /** One round trip fewer while the counter's row lock is held. */
    private Optional<Long> advanceReturning(String accountId, String kind) {
        return jdbc.sql("update protocol_counter set last_value = last_value + 1 where account_id = :account and kind = :kind"
                        + " returning last_value")
                .param("account", accountId).param("kind", kind).query(Long.class).optional();
    }

    /** H2 has no update ... returning. */
    private Optional<Long> advanceThenRead(String accountId, String kind) {
        int updated = jdbc.sql("update protocol_counter set last_value = last_value + 1 where account_id = :account and kind = :kind")
                .param("account", accountId).param("kind", kind).update();
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("select last_value from protocol_counter where account_id = :account and kind = :kind")
                .param("account", accountId).param("kind", kind).query(Long.class).single());
    }

    /** The next number of {@code kind} in the account, counting up from 1. Joins the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long next(String accountId, String kind) {
        for (int attempt = 0; attempt < 3; attempt++) {
            var next = advance.next(accountId, kind);
            if (next.isPresent()) {
                return next.get();
            }
            int inserted = jdbc.sql("insert into protocol_counter (account_id, kind, last_value) values (:account, :kind, 1) on conflict do nothing")
                    .param("account", accountId).param("kind", kind)
                    .update();
            if (inserted == 1) {
                return 1;
            }
        }
        throw new IllegalStateException("protocol counter " + kind + " could not be advanced");
    }

    /**
     * Makes the counter of {@code kind} continue after {@code value} when it stands lower (numbers brought by an import
     * are taken), and holds its row lock until the caller's transaction ends, like {@link #next}. Joins the caller's
     * transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void continueAfter(String accountId, String kind, long value) {
        jdbc.sql("insert into protocol_counter (account_id, kind, last_value) values (:account, :kind, 0) on conflict do nothing")
                .param("account", accountId).param("kind", kind).update();
        jdbc.sql("update protocol_counter set last_value = greatest(last_value, :value) where account_id = :account and kind = :kind")
                .param("account", accountId).param("kind", kind).param("value", value).update();
    }
}
