package io.atende.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Moves instants in and out of {@code timestamp with time zone} columns the same way on H2 and PostgreSQL. */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** The value to bind for an instant: an offset date-time in UTC, or {@code null}. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant stored in the column, or {@code null}. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
