package io.atende.report;

import java.util.Map;
import java.util.NavigableMap;

/**
 * The buckets the per-day rollups count durations in (first reply and resolution times), and percentiles read from
 * them. A bucket is named by its lower bound in seconds; it is a minute wide below an hour, 5 minutes below 4 hours,
 * 15 minutes below a day, an hour below a week and 6 hours beyond, so a percentile read from the buckets is off by at
 * most half a bucket: 30 seconds, 2.5 minutes, 7.5 minutes, 30 minutes and 3 hours in those ranges. Migration V161
 * computes the same buckets in SQL.
 */
final class DurationHistogram {

    private static final long[] LIMITS = {3_600, 14_400, 86_400, 604_800, Long.MAX_VALUE};
    private static final long[] WIDTHS = {60, 300, 900, 3_600, 21_600};

    private DurationHistogram() {
    }

    /** The bucket of a duration: its lower bound in seconds. */
    static long bucket(long seconds) {
        long value = Math.max(0, seconds);
        for (int range = 0; ; range++) {
            if (value < LIMITS[range]) {
                return value / WIDTHS[range] * WIDTHS[range];
            }
        }
    }

    /** How many seconds wide the bucket starting at {@code bucket} is. */
    static long width(long bucket) {
        for (int range = 0; ; range++) {
            if (bucket < LIMITS[range]) {
                return WIDTHS[range];
            }
        }
    }

    /**
     * The {@code fraction} percentile (0.5 for the median) of the durations counted in {@code counts} (bucket to how
     * many), in seconds, as {@code percentile_cont} would place it, the position within its bucket taken as spread
     * evenly across it; {@code null} when nothing was counted.
     */
    static Double percentile(NavigableMap<Long, Long> counts, double fraction) {
        long total = 0;
        for (long count : counts.values()) {
            total += count;
        }
        if (total <= 0) {
            return null;
        }
        double position = fraction * (total - 1);
        long before = 0;
        for (Map.Entry<Long, Long> bucket : counts.entrySet()) {
            long count = bucket.getValue();
            if (count <= 0) {
                continue;
            }
            if (position < before + count) {
                double within = (position - before + 0.5) / count;
                return bucket.getKey() + within * width(bucket.getKey());
            }
            before += count;
        }
        var last = counts.lastEntry();
        return (double) last.getKey() + width(last.getKey());
    }
}
