package io.atende.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atende.*} settings owned by the account module.
 *
 * @param platformToken secret of the installation operator for {@code /account/new|list}; blank disables them
 */
@ConfigurationProperties("atende")
record AccountSettings(String platformToken, @DefaultValue RateLimitDefaults rateLimit, @DefaultValue Bootstrap bootstrap) {

    /** The default limit of every token whose account and token set none. */
    record RateLimitDefaults(@DefaultValue("30") int perSecond, @DefaultValue("60") int burst) {
    }

    /** Fixed first-start credentials for scripts; generated and printed once when blank. */
    record Bootstrap(@DefaultValue("Atende") String accountName, @DefaultValue("America/Sao_Paulo") String timeZone,
                     String token, @DefaultValue("admin@atende.local") String adminEmail, String adminPassword) {
    }
}
