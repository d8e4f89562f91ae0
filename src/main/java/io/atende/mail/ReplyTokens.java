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
 * Signed reply addresses: {@code support+r<protocol>-<signature>@example.com} for the customer of a ticket and
 * {@code support+o<protocol>-<signature>@example.com} for an operator hearing of it. The signature is an HMAC-SHA256
 * (keyed with the installation's secret) over the account, the ticket and the person the address was sent to, cut to
 * 50 bits and written in base32, so a token cannot be forged or moved to another ticket, and it only counts for the
 * person it was sent to. The ticket is named by its protocol, which is short: with a protocol of up to 7 digits
 * the token takes 20 characters, leaving 44 for the mailbox's own local part within RFC 5321's 64.
 *
 * <p>Addresses of the first form, {@code support+t<ticket id><hex signature>@…} (46 characters, too long for
 * mailbox names over 18 characters), are still recognised: replies to messages sent before keep threading.
 * The secret is generated once per installation and kept in the database, where every node finds the same one.
 */
@Component
class ReplyTokens {

    private static final Pattern LEGACY = Pattern.compile("^(.+)\\+t([0-9a-f]{32})([0-9a-f]{12})@(.+)$");
    private static final Pattern SHORT = Pattern.compile("^(.+)\\+([ro])([0-9]{1,18})-([a-z2-7]{10})@(.+)$");
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    static final int MAX_LOCAL_PART = 64;

    private final MailRepository repository;
    private final TransactionTemplate transactions;
    private volatile byte[] key;

    ReplyTokens(MailRepository repository, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Who a reply address was made for. */
    enum Party {
        CUSTOMER, OPERATOR
    }

    /**
     * A token found in an address, still to be checked: the ticket it names, by id (the first form) or by
     * protocol, and the person it was made for.
     */
    record Token(Party party, String ticketId, Long protocol, String signature) {

        boolean legacy() {
            return ticketId != null;
        }
    }

    /**
     * The mailbox address with the customer's token for the ticket, or empty when even the short token would take
     * the local part past 64 characters (the caller then answers to the bare mailbox, and threading relies on the
     * Message-IDs and the protocol in the subject).
     */
    Optional<String> replyAddress(String mailboxAddress, String accountId, String ticketId, long protocol, String customerId) {
        return address(mailboxAddress, 'r', protocol, sign(Party.CUSTOMER, accountId, ticketId, customerId));
    }

    /** The mailbox address with an operator's token for the ticket; as {@link #replyAddress}. */
    Optional<String> operatorReplyAddress(String mailboxAddress, String accountId, String ticketId, long protocol, String operatorId) {
        return address(mailboxAddress, 'o', protocol, sign(Party.OPERATOR, accountId, ticketId, operatorId));
    }

    private static Optional<String> address(String mailboxAddress, char party, long protocol, String signature) {
        int at = mailboxAddress.lastIndexOf('@');
        String local = mailboxAddress.substring(0, at);
        String tagged = local + "+" + party + protocol + "-" + signature;
        if (tagged.length() > MAX_LOCAL_PART) {
            return Optional.empty();
        }
        return Optional.of(tagged + mailboxAddress.substring(at));
    }

    /** The token of an address, if it carries one. */
    static Optional<Token> parse(String address) {
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        var matcher = SHORT.matcher(normalized);
        if (matcher.matches()) {
            Party party = matcher.group(2).equals("o") ? Party.OPERATOR : Party.CUSTOMER;
            return Optional.of(new Token(party, null, Long.parseLong(matcher.group(3)), matcher.group(4)));
        }
        matcher = LEGACY.matcher(normalized);
        return matcher.matches() ? Optional.of(new Token(Party.CUSTOMER, matcher.group(2), null, matcher.group(3))) : Optional.empty();
    }

    /** Whether the token was signed for this ticket of this person (customer or operator, as the token says) in this account. */
    boolean verify(Token token, String accountId, String ticketId, String personId) {
        if (token.legacy() && !token.ticketId().equals(ticketId)) {
            return false;
        }
        String expected = token.legacy() ? legacySign(accountId, ticketId, personId) : sign(token.party(), accountId, ticketId, personId);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), token.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(Party party, String accountId, String ticketId, String personId) {
        // The operator's form signs a different message, so a customer's signature never passes as an operator's.
        byte[] digest = mac((party == Party.OPERATOR ? "operator:" : "") + accountId + ":" + ticketId + ":" + personId);
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        bits >>>= 6;  // 56 bits read, 50 kept: ten base32 characters
        char[] out = new char[10];
        for (int i = 9; i >= 0; i--) {
            out[i] = BASE32.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new String(out);
    }

    private String legacySign(String accountId, String ticketId, String customerId) {
        return HexFormat.of().formatHex(mac(accountId + ":" + ticketId + ":" + customerId), 0, 6);
    }

    /** HMAC-SHA256 of the message under the installation's secret; also signs the links in messages ({@link SignedLinks}). */
    byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
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
