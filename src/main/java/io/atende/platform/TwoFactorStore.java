package io.atende.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The TOTP secrets (RFC 6238) and recovery codes of one kind of person who signs in (operators, portal customers),
 * kept in that kind's own two tables: {@code <secrets>(account_id, <person>, secret, started_at, confirmed_at,
 * last_used_step)} and {@code <codes>(account_id, <person>, code_hash, used_at)}. Secrets are sealed with the
 * installation's key, so a copy of the database alone computes no codes; recovery codes are kept only as hashes. A
 * code is good once: the step of the last one used is remembered and only later steps are accepted. Not a bean: each
 * module makes its own with its tables.
 */
public final class TwoFactorStore {

    public static final int RECOVERY_CODES = 10;
    /** Readable without ambiguity (no 0/O, no 1/I): 32 symbols, 5 bits each. */
    private static final String RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** 16 symbols: 80 random bits per recovery code. */
    private static final int RECOVERY_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final String secrets;
    private final String codes;
    private final String person;

    /**
     * @param secrets the table of secrets
     * @param codes   the table of recovery codes
     * @param person  the column naming the person in both
     */
    public TwoFactorStore(JdbcClient jdbc, SecretBox box, String secrets, String codes, String person) {
        this.jdbc = jdbc;
        this.box = box;
        this.secrets = secrets;
        this.codes = codes;
        this.person = person;
    }

    /** A person's secret; confirmed once its first code proved the app has it. */
    public record Secret(String secret, Instant confirmedAt, Long lastUsedStep) {

        public boolean confirmed() {
            return confirmedAt != null;
        }
    }

    /** How a second step was proved. */
    public enum Proof {
        TOTP, RECOVERY_CODE;

        /** As the audit log names it. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Optional<Secret> find(String accountId, String personId) {
        return jdbc.sql("select secret, confirmed_at, last_used_step from " + secrets + " where account_id = :account and " + person + " = :person")
                .param("account", accountId).param("person", personId)
                .query((rs, n) -> new Secret(box.open(rs.getString("secret")), instant(rs, "confirmed_at"),
                        rs.getObject("last_used_step") == null ? null : rs.getLong("last_used_step")))
                .optional();
    }

    /** The confirmed secret, if the person signs in with a second factor. */
    public Optional<Secret> enabled(String accountId, String personId) {
        return find(accountId, personId).filter(Secret::confirmed);
    }

    /** The secret waiting for its first code, if an enrolment is under way. */
    public Optional<Secret> pending(String accountId, String personId) {
        return find(accountId, personId).filter(secret -> !secret.confirmed());
    }

    /** Starts an enrolment with a new 160-bit secret, replacing an unconfirmed one (never a confirmed one: delete first). */
    public String startEnrolment(String accountId, String personId, Instant now) {
        String secret = Totp.newSecret();
        jdbc.sql("delete from " + secrets + " where account_id = :account and " + person + " = :person and confirmed_at is null")
                .param("account", accountId).param("person", personId).update();
        jdbc.sql("insert into " + secrets + " (account_id, " + person + ", secret, started_at) values (:account, :person, :secret, :now)")
                .param("account", accountId).param("person", personId).param("secret", box.seal(secret)).param("now", utc(now)).update();
        return secret;
    }

    /**
     * Confirms the pending enrolment with a current code of the app and answers ten new recovery codes, to be shown
     * this once.
     *
     * @throws RuleViolationException when no enrolment waits ({@code two_factor.no_enrolment})
     * @throws InvalidInputException  when the code is not the app's current one ({@code code})
     */
    public List<String> confirm(String accountId, String personId, String code, Instant now) {
        var pending = pending(accountId, personId).orElseThrow(() -> new RuleViolationException("two_factor.no_enrolment"));
        long step = Totp.matchingStep(pending.secret(), digits(code), now, null)
                .orElseThrow(() -> new InvalidInputException("code", "two_factor.wrong_code"));
        jdbc.sql("update " + secrets + " set confirmed_at = :now, last_used_step = :step where account_id = :account and " + person
                        + " = :person and confirmed_at is null")
                .param("account", accountId).param("person", personId).param("step", step).param("now", utc(now)).update();
        return newRecoveryCodes(accountId, personId);
    }

    /** The step of a current code of the app not used before, if {@code code} is one (it is not spent). */
    public OptionalLong currentStep(Secret secret, String code, Instant now) {
        return code == null || code.isEmpty() ? OptionalLong.empty() : Totp.matchingStep(secret.secret(), digits(code), now, secret.lastUsedStep());
    }

    /** Marks the step's code used; false when it, or a later one, already was (two requests racing with one code). */
    public boolean useStep(String accountId, String personId, long step) {
        return jdbc.sql("update " + secrets + " set last_used_step = :step where account_id = :account and " + person
                        + " = :person and confirmed_at is not null and (last_used_step is null or last_used_step < :step)")
                .param("account", accountId).param("person", personId).param("step", step).update() == 1;
    }

    /**
     * The second step of a sign-in: a current code of the app not used before, or an unused recovery code, either
     * then spent. Empty when the code is neither, or the person has no second factor.
     */
    public Optional<Proof> prove(String accountId, String personId, String code, Instant now) {
        var secret = enabled(accountId, personId);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        String typed = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (typed.length() == Totp.DIGITS) {
            var step = Totp.matchingStep(secret.get().secret(), typed, now, secret.get().lastUsedStep());
            return step.isPresent() && useStep(accountId, personId, step.getAsLong()) ? Optional.of(Proof.TOTP) : Optional.empty();
        }
        if (typed.length() == RECOVERY_LENGTH && jdbc.sql("update " + codes + " set used_at = :now where account_id = :account and "
                        + person + " = :person and code_hash = :hash and used_at is null")
                .param("account", accountId).param("person", personId).param("hash", hash(typed)).param("now", utc(now)).update() == 1) {
            return Optional.of(Proof.RECOVERY_CODE);
        }
        return Optional.empty();
    }

    /** Forgets the person's secret and recovery codes; false when there was nothing. */
    public boolean delete(String accountId, String personId) {
        jdbc.sql("delete from " + codes + " where account_id = :account and " + person + " = :person")
                .param("account", accountId).param("person", personId).update();
        return jdbc.sql("delete from " + secrets + " where account_id = :account and " + person + " = :person")
                .param("account", accountId).param("person", personId).update() > 0;
    }

    public int unusedRecoveryCodes(String accountId, String personId) {
        return jdbc.sql("select count(*) from " + codes + " where account_id = :account and " + person + " = :person and used_at is null")
                .param("account", accountId).param("person", personId).query(Integer.class).single();
    }

    /** Replaces the person's recovery codes with ten new ones (the old, used or not, stop working), to be shown this once. */
    public List<String> newRecoveryCodes(String accountId, String personId) {
        var shown = new ArrayList<String>();
        jdbc.sql("delete from " + codes + " where account_id = :account and " + person + " = :person")
                .param("account", accountId).param("person", personId).update();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            var code = new StringBuilder();
            for (int c = 0; c < RECOVERY_LENGTH; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            jdbc.sql("insert into " + codes + " (account_id, " + person + ", code_hash) values (:account, :person, :hash)")
                    .param("account", accountId).param("person", personId).param("hash", hash(code.toString())).update();
            shown.add(String.join("-", code.substring(0, 4), code.substring(4, 8), code.substring(8, 12), code.substring(12)));
        }
        return shown;
    }

    /**
     * SHA-256, not the password encoder: a recovery code carries 80 random bits, so its hash cannot be reversed by
     * guessing as a chosen password's could, and a plain digest lets a sign-in find the code by its hash in one
     * indexed read instead of running a deliberately slow hash against each of ten codes on every attempt.
     */
    private static String hash(String normalizedCode) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalizedCode.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String digits(String code) {
        return code == null ? null : code.replaceAll("\\s", "");
    }
}
