package io.atende.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code atende.mail}. SMTP is configured per installation; without a host nothing
 * is queued. Tests shorten the delays so that retries and polls play out in milliseconds.
 *
 * @param smtp              the outgoing server
 * @param dispatcherEnabled whether this node sends the outbox (every node may; they share it)
 * @param pollInterval      how often an idle dispatcher looks for due messages (a local commit wakes it at once)
 * @param lease             how long a claimed message stays reserved to the node sending it
 * @param initialDelay      first retry delay; each further retry doubles it, with jitter
 * @param maxDelay          cap of one retry delay
 * @param maxAge            how long after queueing a message is retried before it is given up
 * @param inbound           reading the account's mailboxes
 * @param senderLimit       messages one sender may have read per hour per account; more are set aside
 * @param sslTrust          hosts whose certificates are trusted without a chain ({@code *} for all; tests only)
 * @param attachmentLimit   total size of an operator's files attached to the e-mail; larger sets go as signed download links
 * @param fileLinkValidity  how long such a download link works
 * @param ratingLinkValidity how long the rating links of a "finished" e-mail work
 */
@ConfigurationProperties("atende.mail")
record MailProperties(
        @DefaultValue Smtp smtp,
        @DefaultValue("true") boolean dispatcherEnabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("30s") Duration initialDelay,
        @DefaultValue("1h") Duration maxDelay,
        @DefaultValue("72h") Duration maxAge,
        @DefaultValue Inbound inbound,
        @DefaultValue("20") int senderLimit,
        String sslTrust,
        @DefaultValue("10MB") DataSize attachmentLimit,
        @DefaultValue("30d") Duration fileLinkValidity,
        @DefaultValue("30d") Duration ratingLinkValidity) {

    /**
     * @param security {@code starttls} (default: required before authenticating), {@code ssl} (SMTPS) or {@code none}
     * @param from     the address every message comes from; required with a host
     * @param fromName the name shown with it; the account's name when blank
     */
    record Smtp(String host, @DefaultValue("587") int port, String username, String password,
                @DefaultValue("starttls") String security, String from, String fromName,
                @DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration timeout) {

        boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    /**
     * @param enabled      whether this node reads mailboxes (every node may; a lease keeps them apart)
     * @param tick         how often a node looks for mailboxes due to be read
     * @param interval     how long a mailbox rests between two reads
     * @param lease        how long a node holds a mailbox it reads; after a crash another takes over when it expires
     * @param maxPerPoll   messages read from one mailbox in one go
     * @param rawRetention how long each message read is kept as it came, for admins to download from the inbound log
     */
    record Inbound(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration tick,
                   @DefaultValue("60s") Duration interval, @DefaultValue("5m") Duration lease,
                   @DefaultValue("50") int maxPerPoll, @DefaultValue("20s") Duration timeout,
                   @DefaultValue("30d") Duration rawRetention) {
    }
}
