package io.atende.operator;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.atende.platform.InvalidInputException;
import io.atende.platform.Keys;
import io.atende.platform.NotFoundException;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How operators prove who they are in the browser: e-mail and password, with a lock-out after
 * repeated failures, and the changes an operator makes to their own credentials and preferences.
 */
@Service
public class OperatorSignIn {

    /** Consecutive failures that lock an operator out. */
    public static final int MAX_FAILURES = 5;
    /** How long a lock-out lasts. */
    public static final Duration LOCK_OUT = Duration.ofMinutes(15);
    /** The console languages an operator may choose. */
    public static final Set<String> LANGUAGES = Set.of("pt-BR", "en", "es");

    private final OperatorRepository operators;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    // Checked when nobody has the address, so that an unknown address takes as long as a wrong password.
    private final String decoyHash;

    OperatorSignIn(OperatorRepository operators, PasswordEncoder passwordEncoder, Clock clock) {
        this.operators = operators;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode("decoy password that nobody has");
    }

    /**
     * The active operator with this e-mail and password. When the address exists in several
     * accounts, the oldest operator whose password matches signs in. Failures are counted per
     * operator (and committed although sign-in is refused); the fifth in a row locks the operator
     * out for {@link #LOCK_OUT}.
     *
     * @throws SignInRefusedException when nothing matches or the operator is locked out
     */
    @Transactional(noRollbackFor = SignInRefusedException.class)
    public SignedInOperator signIn(String email, String password) {
        var candidates = email == null || password == null ? java.util.List.<OperatorRepository.SignInCandidate>of()
                : operators.findSignInCandidates(Keys.of(email)).stream()
                        .filter(c -> c.active() && c.passwordHash() != null).toList();
        if (candidates.isEmpty()) {
            passwordEncoder.matches(password == null ? "" : password, decoyHash);
            throw new SignInRefusedException(null);
        }
        var now = clock.instant();
        java.time.Instant lockedUntil = null;
        for (var candidate : candidates) {
            if (candidate.lockedUntil() != null && candidate.lockedUntil().isAfter(now)) {
                lockedUntil = candidate.lockedUntil();
                continue;
            }
            if (passwordEncoder.matches(password, candidate.passwordHash())) {
                operators.recordSuccessfulSignIn(candidate.accountId(), candidate.id());
                return new SignedInOperator(candidate.accountId(), operators.find(candidate.accountId(), candidate.id()).orElseThrow().view());
            }
        }
        for (var candidate : candidates) {
            if (candidate.lockedUntil() == null || !candidate.lockedUntil().isAfter(now)) {
                operators.recordFailedSignIn(candidate.accountId(), candidate.id(), MAX_FAILURES, now.plus(LOCK_OUT));
            }
        }
        if (lockedUntil == null && candidates.size() == 1) {
            lockedUntil = operators.findSignInCandidates(Keys.of(email)).stream()
                    .filter(c -> c.id().equals(candidates.get(0).id()) && c.accountId().equals(candidates.get(0).accountId()))
                    .map(OperatorRepository.SignInCandidate::lockedUntil)
                    .filter(until -> until != null && until.isAfter(now))
                    .findFirst().orElse(null);
        }
        throw new SignInRefusedException(lockedUntil);
    }

    /**
     * Replaces the operator's password after checking the current one.
     *
     * @throws InvalidInputException when the current password is wrong ({@code current_password}) or
     *                               the new one is too short or too long ({@code password})
     */
    @Transactional
    public void changePassword(String accountId, String operatorId, String currentPassword, String newPassword) {
        var operator = operators.find(accountId, operatorId).orElseThrow(() -> new NotFoundException("operator.not_found"));
        if (currentPassword == null || operator.passwordHash() == null || !passwordEncoder.matches(currentPassword, operator.passwordHash())) {
            throw new InvalidInputException("current_password", "operator.wrong_password");
        }
        if (newPassword == null || newPassword.length() < OperatorManagement.MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "parameter.too_short", OperatorManagement.MIN_PASSWORD_LENGTH);
        }
        if (newPassword.length() > 200) {
            throw new InvalidInputException("password", "parameter.too_long", 200);
        }
        operators.updatePasswordHash(accountId, operatorId, passwordEncoder.encode(newPassword), clock.instant());
    }

    /** Sets the operator's console language: one of {@link #LANGUAGES}, or {@code null} for the default. */
    @Transactional
    public OperatorView chooseLanguage(String accountId, String operatorId, String language) {
        if (language != null && !LANGUAGES.contains(language)) {
            throw new InvalidInputException("language", "parameter.not_one_of", String.join(", ", new java.util.TreeSet<>(LANGUAGES)));
        }
        operators.find(accountId, operatorId).orElseThrow(() -> new NotFoundException("operator.not_found"));
        operators.updateLanguage(accountId, operatorId, language, clock.instant());
        return operators.find(accountId, operatorId).orElseThrow().view();
    }
}
