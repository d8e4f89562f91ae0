package io.atende.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atende.support.ApiClient;
import io.atende.support.FreshDatabase;
import io.atende.support.TestNodes;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The installation's key: rotating it with the previous key kept for a start, and what happens without one. */
class SecretKeyRotationTest {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString("old-key-of-the-rotation-test-32b".getBytes(StandardCharsets.US_ASCII));
    private static final String NEW_KEY = Base64.getEncoder().encodeToString("new-key-of-the-rotation-test-32b".getBytes(StandardCharsets.US_ASCII));
    private static final String TOKEN = "atd_rotation-test-bootstrap-token-0123456789abcdef";

    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    FreshDatabase database;

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aNewKeyWithThePreviousOneKeptSealsEverythingAgainAndThenTheNewKeyAloneIsEnough() throws Exception {
        database = FreshDatabase.create();
        String secret = "rotation-secret-" + System.nanoTime();
        try (var receiver = new WebhookReceiver()) {
            var before = start("atende.secret-key=" + OLD_KEY);
            var created = new ApiClient(TestNodes.port(before), TOKEN).post("/webhook/new", "url", receiver.url(), "format", "tomticket",
                    "events", "customer.created", "secret", secret);
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(storedSecret(before)).startsWith("sealed:v1:" + keyId(OLD_KEY) + ":");
            stop(before);

            var rotating = start("atende.secret-key=" + NEW_KEY, "atende.secret-key-previous=" + OLD_KEY);
            assertThat(storedSecret(rotating)).startsWith("sealed:v1:" + keyId(NEW_KEY) + ":").doesNotContain(secret);
            stop(rotating);

            var after = start("atende.secret-key=" + NEW_KEY);
            new ApiClient(TestNodes.port(after), TOKEN).post("/customer/new", "customer_id", "c1", "name", "Customer");
            var request = receiver.awaitCount(1).get(0);
            assertThat(request.header("X-Hub-Signature")).isEqualTo("sha1=" + hmac(secret, Base64.getEncoder().encodeToString(request.body())));
        }
    }

    @Test
    void withoutAKeyAnH2InstallationGeneratesOneInAFileOnlyItsOwnerReadsAndKeepsUsingIt(@TempDir Path data) throws Exception {
        Path file = data.resolve("secret-key");
        var first = new SecretKeys().secretBox("", "", file.toString(), Database.H2);
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String sealed = first.seal("mailbox-password");

        var restarted = new SecretKeys().secretBox("", "", file.toString(), Database.H2);
        assertThat(restarted.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(restarted.open(sealed)).isEqualTo("mailbox-password");
    }

    @Test
    void withoutAKeyPostgreSqlRefusesToStartAndSaysHowToMakeOne(@TempDir Path data) {
        assertThatThrownBy(() -> new SecretKeys().secretBox("", "", data.resolve("secret-key").toString(), Database.POSTGRESQL))
                .hasMessageContaining("ATENDE_SECRET_KEY is not set").hasMessageContaining("openssl rand -base64 32");
        assertThat(data.resolve("secret-key")).doesNotExist();
    }

    @Test
    void aKeyOfTheWrongSizeOrNotInBase64IsRefused(@TempDir Path data) {
        String file = data.resolve("secret-key").toString();
        assertThatThrownBy(() -> new SecretKeys().secretBox("c2hvcnQ=", "", file, Database.H2))
                .hasMessageContaining("must be 32 bytes in base64 (it is 5)");
        assertThatThrownBy(() -> new SecretKeys().secretBox("not base64!", "", file, Database.H2))
                .hasMessageContaining("ATENDE_SECRET_KEY is not base64");
        assertThatThrownBy(() -> new SecretKeys().secretBox(NEW_KEY, "c2hvcnQ=", file, Database.H2))
                .hasMessageContaining("ATENDE_SECRET_KEY_PREVIOUS must be 32 bytes");
    }

    @Test
    void aSealedValueOpensOnlyWithItsKeyAndAnAlteredOneIsRefused() {
        var box = new SecretBox(Base64.getDecoder().decode(NEW_KEY), List.of());
        String sealed = box.seal("whsec_abc");
        assertThat(sealed).isNotEqualTo(box.seal("whsec_abc"));  // a fresh nonce every time
        assertThat(box.open(sealed)).isEqualTo("whsec_abc");
        assertThat(box.open("stored-before-encryption")).isEqualTo("stored-before-encryption");
        assertThat(box.sealedWithCurrentKey("stored-before-encryption")).isFalse();

        var other = new SecretBox(Base64.getDecoder().decode(OLD_KEY), List.of());
        assertThatThrownBy(() -> other.open(sealed)).hasMessageContaining("neither ATENDE_SECRET_KEY nor ATENDE_SECRET_KEY_PREVIOUS");
        int inside = sealed.lastIndexOf(':') + 20;  // a byte of the ciphertext
        String altered = sealed.substring(0, inside) + (sealed.charAt(inside) == 'A' ? 'B' : 'A') + sealed.substring(inside + 1);
        assertThatThrownBy(() -> box.open(altered)).hasMessageContaining("does not open");
    }

    private ConfigurableApplicationContext start(String... properties) {
        var all = new ArrayList<>(List.of(properties));
        all.add("atende.bootstrap.token=" + TOKEN);
        var node = TestNodes.start(database.url(), all);
        nodes.add(node);
        return node;
    }

    private void stop(ConfigurableApplicationContext node) {
        node.close();
        nodes.remove(node);
    }

    private static String storedSecret(ConfigurableApplicationContext node) {
        return node.getBean(JdbcClient.class).sql("select secret from webhook_subscription").query(String.class).single();
    }

    private static String keyId(String base64) {
        return SecretBox.keyId(Base64.getDecoder().decode(base64));
    }

    private static String hmac(String secret, String content) throws Exception {
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
    }
}
