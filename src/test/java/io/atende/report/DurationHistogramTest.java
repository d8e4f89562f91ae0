package io.atende.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * docs/reports.md, Medians and percentiles: a duration falls in a bucket a minute wide below an hour, 5 minutes below
 * 4 hours, 15 below a day, an hour below a week and 6 hours beyond; a percentile read from the buckets is within half
 * a bucket of the exact one.
 */
class DurationHistogramTest {

    @Test
    void bucketsWidenWithTheDuration() {
        assertThat(DurationHistogram.bucket(0)).isZero();
        assertThat(DurationHistogram.bucket(59)).isZero();
        assertThat(DurationHistogram.bucket(61)).isEqualTo(60);
        assertThat(DurationHistogram.bucket(3_599)).isEqualTo(3_540);
        assertThat(DurationHistogram.bucket(3_600 + 299)).isEqualTo(3_600);
        assertThat(DurationHistogram.bucket(14_400 + 1_000)).isEqualTo(14_400 + 900);
        assertThat(DurationHistogram.bucket(86_400 + 3_700)).isEqualTo(86_400 + 3_600);
        assertThat(DurationHistogram.bucket(604_800 + 30_000)).isEqualTo(604_800 + 21_600);
        assertThat(DurationHistogram.width(3_540)).isEqualTo(60);
        assertThat(DurationHistogram.width(604_800)).isEqualTo(21_600);
        assertThat(DurationHistogram.bucket(-5)).as("a negative duration counts as none").isZero();
    }

    @Test
    void aPercentileFromTheBucketsIsWithinHalfABucketOfTheExactOne() {
        var random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<Long> durations = new ArrayList<>();
            var counts = new TreeMap<Long, Long>();
            int size = 1 + random.nextInt(400);
            long scale = new long[]{1_800, 10_000, 60_000, 400_000, 2_000_000}[random.nextInt(5)];
            for (int i = 0; i < size; i++) {
                long seconds = (long) (random.nextDouble() * scale);
                durations.add(seconds);
                counts.merge(DurationHistogram.bucket(seconds), 1L, Long::sum);
            }
            durations.sort(null);
            for (double fraction : new double[]{0.5, 0.9}) {
                double exact = percentileCont(durations, fraction);
                double read = DurationHistogram.percentile(counts, fraction);
                // Both lie in the buckets of the two neighbours percentile_cont interpolates between.
                long lower = durations.get((int) Math.floor(fraction * (size - 1)));
                long upper = durations.get((int) Math.ceil(fraction * (size - 1)));
                long from = DurationHistogram.bucket(lower);
                long to = DurationHistogram.bucket(upper) + DurationHistogram.width(DurationHistogram.bucket(upper));
                assertThat(exact).isBetween((double) from, (double) to);
                assertThat(read).isBetween((double) from, (double) to);
                if (from == DurationHistogram.bucket(upper)) {
                    assertThat(read).isCloseTo(exact, within((double) DurationHistogram.width(from)));
                }
            }
        }
        assertThat(DurationHistogram.percentile(new TreeMap<>(), 0.5)).isNull();
    }

    private static double percentileCont(List<Long> sorted, double fraction) {
        double position = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
    }
}
