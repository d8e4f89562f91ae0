package io.atende.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.stereotype.Component;

/**
 * Signed reply addresses: {@code support+t<ticket id><signature>@example.com}. The signature is
 * an HMAC-SHA256 (keyed with the installation's secret) over the account, the ticket and the
 * ticket's customer, cut to 48 bits, so a token cannot be forged or moved to another ticket, and
 * it only counts for the customer it was sent to. The secret is generated once per installation
 * and kept in the database, where every node finds the same one.
 */
@Component
class ReplyTokens {

    private static final Pattern TOKEN = Pattern.compile("^(.+)\\+t([0-9a-f]{32})([0-9a-f]{12})@(.+)$");
    private static final int MAX_LOCAL_PART = 64;

    private final MailRepository repository;
    private final TransactionTemplate transactions;
    private volatile byte[] key;

    ReplyTokens(MailRepository repository, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** A token found in an address: the ticket it names and its signature, still to be checked. */
    record Token(String ticketId, String signature) {
    }

    /** The mailbox address with the ticket's token, or empty when the local part would grow past 64 characters. */
    Optional<String> replyAddress(String mailboxAddress, String accountId, String ticketId, String customerId) {
        int at = mailboxAddress.lastIndexOf('@');
        String local = mailboxAddress.substring(0, at);
        String tagged = local + "+t" + ticketId + sign(accountId, ticketId, customerId);
        if (tagged.length() > MAX_LOCAL_PART) {
            return Optional.empty();
        }
        return Optional.of(tagged + mailboxAddress.substring(at));
    }

    /** The token of an address, if it carries one. */
    static Optional<Token> parse(String address) {
        var matcher = TOKEN.matcher(address.strip().toLowerCase(Locale.ROOT));
        return matcher.matches() ? Optional.of(new Token(matcher.group(2), matcher.group(3))) : Optional.empty();
    }

    /** Whether the token was signed for this ticket of this customer in this account. */
    boolean verify(Token token, String accountId, String customerId) {
        byte[] expected = sign(accountId, token.ticketId(), customerId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String accountId, String ticketId, String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] digest = mac.doFinal((accountId + ":" + ticketId + ":" + customerId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            String secret = repository.replySecret().orElseGet(() -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                // Nodes starting together may race here: the first insert wins and everyone reads it back.
                try {
                    transactions.executeWithoutResult(status -> repository.insertReplySecretIfAbsent(
                            Base64.getEncoder().encodeToString(random)));
                } catch (org.springframework.dao.DataIntegrityViolationException lostTheRace) {
                    // another node inserted its secret first; it is read back below
                }
                return transactions.execute(status -> repository.replySecret().orElseThrow());
            });
            known = Base64.getDecoder().decode(secret);
            key = known;
        }
        return known;
    }
}
