package io.atende.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Seals the secrets Atende must read back (webhook signing keys, mailbox passwords and tokens, two-factor keys, links
 * waiting in the mail outbox) with the installation's key, AES-256-GCM through Spring Security Crypto, so that a copy
 * of the database alone reveals none of them. A sealed value names the key that sealed it
 * ({@code sealed:v1:<key id>:<base64>}), so values sealed with the previous key still open while they are sealed again
 * with the current one ({@link SealedSecrets}). A value without the prefix is one stored before encryption (or by an
 * older node during an upgrade) and is returned as it is until the startup step seals it.
 */
public final class SecretBox {

    static final String PREFIX = "sealed:v1:";

    private final String currentId;
    private final Map<String, BytesEncryptor> encryptors = new LinkedHashMap<>();

    /** The current key first, then the keys that values may still be sealed with. */
    SecretBox(byte[] current, List<byte[]> previous) {
        this.currentId = keyId(current);
        encryptors.put(currentId, encryptor(current));
        for (byte[] key : previous) {
            encryptors.putIfAbsent(keyId(key), encryptor(key));
        }
    }

    /** The sealed form of a secret; {@code null} stays {@code null}. */
    public String seal(String secret) {
        if (secret == null) {
            return null;
        }
        byte[] sealed = encryptors.get(currentId).encrypt(secret.getBytes(StandardCharsets.UTF_8));
        return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * The secret a stored value holds: opened with the key it names, or the value itself when it was stored before
     * encryption. Fails when the value names a key this installation does not have (the key was lost or rotated out
     * before the value was sealed again), or was altered.
     */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("a sealed secret without its key id");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        BytesEncryptor encryptor = encryptors.get(keyId);
        if (encryptor == null) {
            throw new IllegalStateException("a secret is sealed with key " + keyId
                    + ", which is neither ATENDE_SECRET_KEY nor ATENDE_SECRET_KEY_PREVIOUS");
        }
        try {
            byte[] opened = encryptor.decrypt(Base64.getDecoder().decode(stored.substring(colon + 1)));
            return new String(opened, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | IllegalStateException broken) {
            throw new IllegalStateException("a secret sealed with key " + keyId + " does not open: altered or truncated", broken);
        }
    }

    /** Whether a stored value is sealed with the current key; plaintext and values of the previous key are not. */
    public boolean sealedWithCurrentKey(String stored) {
        return stored == null || stored.startsWith(PREFIX + currentId + ":");
    }

    /** The stored value sealed with the current key (opened first when it was sealed with another, or not at all). */
    public String resealed(String stored) {
        return sealedWithCurrentKey(stored) ? stored : seal(open(stored));
    }

    /** The current key's id: what sealed values carry, and what the startup log names. */
    public String currentKeyId() {
        return currentId;
    }

    /** A short, public name of a key: the first 8 hex digits of its SHA-256 under a label (never the key itself). */
    static String keyId(byte[] key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update("atende-secret-key-id:".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static BytesEncryptor encryptor(byte[] key) {
        SecretKey secretKey = new SecretKeySpec(key, "AES");
        // A fresh 96-bit nonce per value, kept in front of the ciphertext (GCM's recommended nonce size).
        return new AesBytesEncryptor(secretKey, KeyGenerators.secureRandom(12), AesBytesEncryptor.CipherAlgorithm.GCM);
    }
}
