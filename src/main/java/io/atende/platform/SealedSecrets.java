package io.atende.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A module's stored secrets that the {@link SecretBox} seals. At every start each is asked to seal again, with the
 * current key, what it still holds in plaintext (stored before encryption) or sealed with the previous key (after a
 * rotation), so that {@code ATENDE_SECRET_KEY_PREVIOUS} can be dropped once a start has logged nothing left to seal.
 */
public interface SealedSecrets {

    /** What the secrets are, for the log ("webhook secrets"). */
    String description();

    /** Seals again with the current key what is not sealed with it; returns how many values it sealed. */
    int sealAgain(SecretBox box);

    /**
     * The secrets of one column of a module's table, rows named by their key columns ({@code account_id} first).
     * Each value is written in a statement of its own, only if it is still the value read, so that a value changed
     * meanwhile (or sealed by another node starting at the same time) is left as it is.
     */
    static SealedSecrets inColumn(JdbcClient jdbc, String description, String table, String column, String... keys) {
        return inColumnWhere(jdbc, description, table, column, "1 = 1", keys);
    }

    /** As {@link #inColumn}, for the rows that meet a condition (SQL without parameters, of the table's columns). */
    static SealedSecrets inColumnWhere(JdbcClient jdbc, String description, String table, String column, String condition,
                                       String... keys) {
        return new SealedSecrets() {

            @Override
            public String description() {
                return description;
            }

            @Override
            public int sealAgain(SecretBox box) {
                String keyList = String.join(", ", keys);
                List<Map<String, Object>> stale = new ArrayList<>();
                jdbc.sql("select " + keyList + ", " + column + " from " + table + " where " + column + " is not null and (" + condition + ")")
                        .query(rs -> {
                            String value = rs.getString(column);
                            if (!box.sealedWithCurrentKey(value)) {
                                Map<String, Object> row = new LinkedHashMap<>();
                                for (String key : keys) {
                                    row.put(key, rs.getObject(key));
                                }
                                row.put("old_value", value);
                                stale.add(row);
                            }
                        });
                int sealed = 0;
                StringBuilder where = new StringBuilder(column + " = :old_value");
                for (String key : keys) {
                    where.append(" and ").append(key).append(" = :").append(key);
                }
                for (Map<String, Object> row : stale) {
                    sealed += jdbc.sql("update " + table + " set " + column + " = :new_value where " + where)
                            .params(row).param("new_value", box.resealed((String) row.get("old_value"))).update();
                }
                return sealed;
            }
        };
    }
}
