package io.atende.platform;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
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
    private final boolean postgres;

    ProtocolCounters(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
        this.jdbc = jdbc;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
        this.postgres = product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** The next number of {@code kind} in the account, counting up from 1. Joins the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long next(String accountId, String kind) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (postgres) {
                // One round trip fewer while the counter's row lock is held (H2 has no update ... returning).
                var next = jdbc.sql("update protocol_counter set last_value = last_value + 1 where account_id = :account and kind = :kind"
                                + " returning last_value")
                        .param("account", accountId).param("kind", kind)
                        .query(Long.class).optional();
                if (next.isPresent()) {
                    return next.get();
                }
            } else {
                int updated = jdbc.sql("update protocol_counter set last_value = last_value + 1 where account_id = :account and kind = :kind")
                        .param("account", accountId).param("kind", kind)
                        .update();
                if (updated == 1) {
                    return jdbc.sql("select last_value from protocol_counter where account_id = :account and kind = :kind")
                            .param("account", accountId).param("kind", kind)
                            .query(Long.class).single();
                }
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
}
