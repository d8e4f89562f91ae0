package io.atende.customeraccess;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atende.platform.SecretBox;
import io.atende.platform.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity verification for the chat widget: the account's website signs the e-mail address of
 * the visitor it has signed in with the account's secret (HMAC-SHA256, lower-case hex) and hands
 * both to the widget; only a chat whose e-mail carries that signature is bound to the stored
 * customer with that address. Without a secret nothing verifies.
 */
@Service
public class WidgetIdentity {

    private static final String ALGORITHM = "HmacSHA256";

    private final JdbcClient jdbc;
    private final Clock clock;
    /** The secret is kept sealed with the installation's key, and opened to sign or to show to an admin. */
    private final SecretBox box;

    WidgetIdentity(JdbcClient jdbc, Clock clock, SecretBox box) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.box = box;
    }

    /** The account's secret, if one was generated. */
    @Transactional(readOnly = true)
    public Optional<String> secret(String accountId) {
        return jdbc.sql("select secret from portal_widget_identity where account_id = :account")
                .param("account", accountId).query(String.class).optional().map(box::open);
    }

    /** A new secret for the account; signatures made with the previous one stop verifying. */
    @Transactional
    public String regenerate(String accountId) {
        String secret = "wis_" + PortalSecrets.newSecret();
        var now = SqlTimes.utc(clock.instant());
        int updated = jdbc.sql("update portal_widget_identity set secret = :secret, created_at = :now where account_id = :account")
                .param("account", accountId).param("secret", box.seal(secret)).param("now", now).update();
        if (updated == 0) {
            jdbc.sql("insert into portal_widget_identity (account_id, secret, created_at) values (:account, :secret, :now)")
                    .param("account", accountId).param("secret", box.seal(secret)).param("now", now).update();
        }
        return secret;
    }

    /** Whether {@code signature} is the account's signature of {@code email} (compared in constant time). */
    boolean verifies(String accountId, String email, String signature) {
        if (email == null || signature == null || signature.isBlank()) {
            return false;
        }
        return secret(accountId).map(secret -> MessageDigest.isEqual(sign(secret, email).getBytes(StandardCharsets.US_ASCII),
                signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))).orElse(false);
    }

    /** HMAC-SHA256 of the e-mail address (as given, without surrounding spaces) under the secret, in lower-case hex. */
    static String sign(String secret, String email) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(email.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
