package io.atende.platform;

import java.time.Duration;
import java.time.Instant;

import io.atende.support.ApiTest;
import io.atende.support.MutableClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed sign-ins throttled with growing waits, on the real database, with a clock that moves only when the test moves it. */
@ApiTest
class SignInThrottleTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    MutableClock clock;
    SignInThrottle throttle;
    String scope;

    @BeforeEach
    void freshCounts() {
        clock = new MutableClock(Instant.parse("2026-08-21T15:11:17.250Z"));
        throttle = new SignInThrottle(jdbc, transactions, clock, SignInThrottle.ADDRESS_THRESHOLD);
        scope = Ids.newId();
    }

    @Test
    void waitsStartAtTheThresholdAndDoubleWithEachFailureAfterTheWait() {
        var attempt = new SignInThrottle.Attempt("portal", scope, "203.0.113.9", "ana@example.com");
        for (int failure = 1; failure < SignInThrottle.PAIR_THRESHOLD; failure++) {
            throttle.failed(attempt);
            assertThat(throttle.waitBefore(attempt)).isEmpty();
        }
        throttle.failed(attempt);
        assertThat(throttle.waitBefore(attempt)).contains(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.waitBefore(attempt)).isEmpty();
        throttle.failed(attempt);
        assertThat(throttle.waitBefore(attempt)).contains(Duration.ofMinutes(2));

        clock.advance(Duration.ofMinutes(2));
        throttle.failed(attempt);
        assertThat(throttle.waitBefore(attempt)).contains(Duration.ofMinutes(4));
    }

    @Test
    void attemptsRefusedDuringTheWaitAreNotCounted() {
        var attempt = new SignInThrottle.Attempt("portal", scope, "203.0.113.9", "ana@example.com");
        for (int failure = 1; failure <= SignInThrottle.PAIR_THRESHOLD; failure++) {
            throttle.failed(attempt);
        }
        for (int refused = 0; refused < 10; refused++) {
            throttle.failed(attempt);
        }
        assertThat(throttle.waitBefore(attempt)).contains(Duration.ofMinutes(1));
    }

    @Test
    void theWaitConcernsThatAddressAndEmailOnly() {
        var attempt = new SignInThrottle.Attempt("portal", scope, "203.0.113.9", "ana@example.com");
        for (int failure = 1; failure <= SignInThrottle.PAIR_THRESHOLD; failure++) {
            throttle.failed(attempt);
        }
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, "203.0.113.9", "ANA@example.com "))).isPresent();
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, "198.51.100.4", "ana@example.com"))).isEmpty();
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, "203.0.113.9", "bia@example.com"))).isEmpty();
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", Ids.newId(), "203.0.113.9", "ana@example.com"))).isEmpty();
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("console", scope, "203.0.113.9", "ana@example.com"))).isEmpty();
    }

    @Test
    void manyAddressesGuessingOneEmailSlowItDownTooAtAHigherThreshold() {
        String email = "ana@example.com";
        for (int failure = 1; failure < SignInThrottle.LOGIN_THRESHOLD; failure++) {
            throttle.failed(new SignInThrottle.Attempt("portal", scope, "203.0.113." + failure, email));
        }
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, "198.51.100.4", email))).isEmpty();
        throttle.failed(new SignInThrottle.Attempt("portal", scope, "203.0.113.200", email));
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, "198.51.100.4", email))).isPresent();
    }

    @Test
    void oneAddressGuessingManyEmailsIsSlowedDownAtAHigherThreshold() {
        String address = "192.0.2." + (int) (Math.random() * 250);
        for (int failure = 1; failure < SignInThrottle.ADDRESS_THRESHOLD; failure++) {
            throttle.failed(new SignInThrottle.Attempt("portal", scope, address, "someone" + failure + "@example.com"));
        }
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, address, "next@example.com"))).isEmpty();
        throttle.failed(new SignInThrottle.Attempt("portal", scope, address, "last@example.com"));
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, address, "next@example.com"))).isPresent();
        // Signing in to one's own account does not wipe the address's count.
        throttle.succeeded(new SignInThrottle.Attempt("portal", scope, address, "own@example.com"));
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("portal", scope, address, "next@example.com"))).isPresent();
    }

    @Test
    void anIpv6ClientIsCountedByItsNetwork() {
        for (int failure = 1; failure <= SignInThrottle.PAIR_THRESHOLD; failure++) {
            throttle.failed(new SignInThrottle.Attempt("console", scope, "2001:db8:1:2::" + Integer.toHexString(failure), "ana@example.com"));
        }
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("console", scope, "2001:db8:1:2:ffff::1", "ana@example.com"))).isPresent();
        assertThat(throttle.waitBefore(new SignInThrottle.Attempt("console", scope, "2001:db8:1:3::1", "ana@example.com"))).isEmpty();
    }

    @Test
    void aSuccessAndALongQuietBothStartTheCountAfresh() {
        var attempt = new SignInThrottle.Attempt("portal", scope, "203.0.113.9", "ana@example.com");
        for (int failure = 1; failure < SignInThrottle.PAIR_THRESHOLD; failure++) {
            throttle.failed(attempt);
        }
        throttle.succeeded(attempt);
        throttle.failed(attempt);
        assertThat(throttle.waitBefore(attempt)).isEmpty();

        for (int failure = 2; failure < SignInThrottle.PAIR_THRESHOLD; failure++) {
            throttle.failed(attempt);
        }
        clock.advance(SignInThrottle.FORGET_AFTER.plusSeconds(1));
        throttle.failed(attempt);
        assertThat(throttle.waitBefore(attempt)).isEmpty();
    }

    @Test
    void theLongestWaitIsAnHour() {
        assertThat(SignInThrottle.wait(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SignInThrottle.wait(3)).isEqualTo(Duration.ofMinutes(8));
        assertThat(SignInThrottle.wait(6)).isEqualTo(Duration.ofHours(1));
        assertThat(SignInThrottle.wait(1000)).isEqualTo(Duration.ofHours(1));
    }
}
