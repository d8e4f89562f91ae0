package io.atende.support;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Makes every part of the application read a test's {@link MutableClock}: a test's nested configuration extends this
 * with its clock, so the test moves time for the whole node.
 */
public abstract class TestClockConfiguration {

    private final MutableClock clock;

    protected TestClockConfiguration(MutableClock clock) {
        this.clock = clock;
    }

    @Bean
    @Primary
    public Clock movableClock() {
        return clock;
    }
}
