package io.atende.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code atende.webhook}. The defaults follow docs/webhooks.md; tests shorten the
 * delays so that a retry schedule of hours plays out in milliseconds.
 *
 * @param allowPrivate       deliver to loopback, link-local and private networks (off: such URLs are refused)
 * @param dispatcherEnabled  whether this node delivers (every node may; they share the queue)
 * @param concurrency        HTTP attempts in flight at once on this node; the node claims at most twice as many ahead
 * @param pollInterval       how often an idle dispatcher looks for due deliveries (a local commit wakes it at once)
 * @param connectTimeout     TCP/TLS connect timeout
 * @param readTimeout        time allowed for the receiver's answer
 * @param lease              how long a claimed delivery stays reserved to the node that claimed it
 * @param initialDelay       first retry delay; each further retry doubles it, with jitter
 * @param maxDelay           cap of one retry delay computed by backoff
 * @param maxAge             how long after the event a delivery is retried before it is given up
 * @param pauseAfterFailures consecutive failures of a subscription after which it is paused and probed
 * @param probeInterval      first pause; doubles after each failed probe
 * @param maxProbeInterval   cap of the pause between probes
 * @param retention          how long deliveries and attempts are kept
 * @param cleanupInterval    how often each node removes what is past retention
 * @param batchSize          most deliveries one claim takes and one transaction records the attempts of
 */
@ConfigurationProperties("atende.webhook")
record WebhookProperties(
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("true") boolean dispatcherEnabled,
        @DefaultValue("32") int concurrency,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("10s") Duration initialDelay,
        @DefaultValue("1h") Duration maxDelay,
        @DefaultValue("72h") Duration maxAge,
        @DefaultValue("10") int pauseAfterFailures,
        @DefaultValue("1m") Duration probeInterval,
        @DefaultValue("1h") Duration maxProbeInterval,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration cleanupInterval,
        @DefaultValue("100") int batchSize) {

    WebhookProperties {
        // A lease that ends while the attempt may still be waiting for the receiver would let a
        // second node send the same delivery again.
        if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
            throw new IllegalArgumentException("atende.webhook.lease (" + lease + ") must be longer than connect-timeout + read-timeout ("
                    + connectTimeout.plus(readTimeout) + "), or two nodes may send one delivery twice");
        }
    }
}
