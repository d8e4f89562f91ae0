package io.atende.platform;

/**
 * The outcome of drawing one request from a bucket, with what the {@code RateLimit-*} and
 * {@code Retry-After} headers report.
 *
 * @param limit             the burst size
 * @param remaining         requests that may still be made at once
 * @param resetSeconds      seconds until the bucket is full again
 * @param retryAfterSeconds when refused, seconds until one request is allowed again; else 0
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
}
