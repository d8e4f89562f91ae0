package io.atende.api.v2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Small wire shapes shared by several endpoints. */
final class Wire {

    private Wire() {
    }

    /**
     * A nested reference {@code {id, name}}; an empty one keeps both members as {@code null}
     * (clients read {@code ticket.operator.id} without guarding).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Ref(String id, String name) {

        static final Ref EMPTY = new Ref(null, null);
    }

    /** TomTicket's {@code mail_hash}: md5 hex of the trimmed, lower-cased address (Gravatar's key). */
    static String mailHash(String email) {
        if (email == null) {
            return null;
        }
        try {
            var digest = MessageDigest.getInstance("MD5")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
