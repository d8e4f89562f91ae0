package io.atende.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The installation's secret key ({@code ATENDE_SECRET_KEY}, base64 of 32 random bytes) and the previous one during a
 * rotation ({@code ATENDE_SECRET_KEY_PREVIOUS}). Without a key, an H2 installation (trying Atende out, development)
 * uses a key kept in a file next to its database, generated on the first start, and says loudly that it does; a
 * PostgreSQL installation refuses to start, since nodes that each made up a key could not read each other's secrets.
 */
@Configuration(proxyBeanMethods = false)
class SecretKeys {

    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);
    static final String HOW_TO = "generate one with `openssl rand -base64 32` and give it to every node as ATENDE_SECRET_KEY";

    @Bean
    SecretBox secretBox(@Value("${atende.secret-key:}") String key, @Value("${atende.secret-key-previous:}") String previous,
                        @Value("${atende.secret-key-file:./data/secret-key}") String keyFile, Database database) {
        byte[] current = key.isBlank() ? fileKey(Path.of(keyFile), database) : decode(key, "ATENDE_SECRET_KEY");
        List<byte[]> older = new ArrayList<>();
        if (!previous.isBlank()) {
            older.add(decode(previous, "ATENDE_SECRET_KEY_PREVIOUS"));
        }
        var box = new SecretBox(current, older);
        log.info("Secrets at rest are sealed with key {}{}", box.currentKeyId(),
                older.isEmpty() ? "" : " (values sealed with key " + SecretBox.keyId(older.get(0)) + " are sealed again)");
        return box;
    }

    /** Seals again, once the application is up, what each module still holds in plaintext or under the previous key. */
    @Bean
    ApplicationRunner secretsSealedAgain(SecretBox box, List<SealedSecrets> holders) {
        return (ApplicationArguments arguments) -> {
            for (SealedSecrets holder : holders) {
                try {
                    int count = holder.sealAgain(box);
                    if (count > 0) {
                        log.info("Sealed {} {} with key {}", count, holder.description(), box.currentKeyId());
                    }
                } catch (RuntimeException failure) {
                    log.error("Could not seal the {} again with key {}: {}", holder.description(), box.currentKeyId(), failure.toString());
                }
            }
        };
    }

    static byte[] decode(String text, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(name + " is not base64: " + HOW_TO);
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes in base64 (it is " + key.length + "): " + HOW_TO);
        }
        return key;
    }

    private static byte[] fileKey(Path file, Database database) {
        if (Files.isRegularFile(file)) {
            log.warn("""

                    ************************************************************************************
                    ATENDE_SECRET_KEY is not set: secrets at rest are sealed with the key in {}.
                    Anyone with a copy of that directory can open them. In production, {}.
                    ************************************************************************************""",
                    file.toAbsolutePath(), HOW_TO);
            try {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read the secret key file " + file, unreadable);
            }
        }
        if (database != Database.H2) {
            throw new IllegalStateException("ATENDE_SECRET_KEY is not set: " + HOW_TO
                    + ". (Only the embedded H2 database makes up a key of its own, in a file next to it.)");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's own permissions apply.
            }
        } catch (FileAlreadyExistsException raced) {
            return fileKey(file, database);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write a new secret key to " + file + "; set ATENDE_SECRET_KEY instead", unwritable);
        }
        log.warn("""

                ************************************************************************************
                ATENDE_SECRET_KEY is not set: a new key was generated and stored in {}.
                Secrets at rest are sealed with it; losing that file loses them. In production, {}.
                ************************************************************************************""",
                file.toAbsolutePath(), HOW_TO);
        return key;
    }
}
