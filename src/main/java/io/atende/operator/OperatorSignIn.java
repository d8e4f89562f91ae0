package io.atende.operator;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atende.audit.AuditTrail;
import io.atende.platform.Actor;
import io.atende.platform.InvalidInputException;
import io.atende.platform.Keys;
import io.atende.platform.NotFoundException;
import io.atende.platform.PasswordRules;
import io.atende.platform.SignInRefusedException;
import io.atende.platform.SignInThrottle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How operators prove who they are in the browser: e-mail and password, with failed attempts
 * throttled ({@link SignInThrottle}) rather than locking anyone out, and the changes an operator
 * makes to their own credentials and preferences.
 */
@Service
public class OperatorSignIn {

    /** The console languages an operator may choose. */
    public static final Set<String> LANGUAGES = Set.of("pt-BR", "en", "es");
    static final String AREA = "console";

    private final OperatorRepository operators;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final AuditTrail audit;
    // Looked up when needed: single sign-on, which may turn passwords off, itself depends on operators.
    private final ObjectProvider<PasswordSignInPolicy> passwordPolicies;
    private final PasswordRules passwordRules;
    // Checked when nobody has the address, so that an unknown address takes as long as a wrong password.
    private final String decoyHash;

    OperatorSignIn(OperatorRepository operators, PasswordEncoder passwordEncoder, SignInThrottle throttle, Clock clock,
                   AuditTrail audit, ObjectProvider<PasswordSignInPolicy> passwordPolicies,
                   PasswordRules passwordRules) {
        this.audit = audit;
        this.passwordPolicies = passwordPolicies;
        this.passwordRules = passwordRules;
        this.operators = operators;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode("decoy password that nobody has");
    }

    /**
     * The active operator with this e-mail and password, signing in from {@code clientAddress}.
     * When the address exists in several accounts, the oldest operator whose password matches
     * signs in. Failures are counted per client address and typed e-mail, whether or not anyone
     * has the address; after too many the attempt is refused unchecked for a growing while.
     * An operator whose {@link SignedInOperator#secondFactor()} is not {@code NONE} has only proved
     * the password: their earlier failures stay counted until the second factor completes the
     * sign-in ({@link OperatorTwoFactor#completeSignIn}), so a known password cannot wipe out the
     * count of wrong codes.
     *
     * @throws SignInRefusedException     when nothing matches, or when the attempt has to wait
     * @throws PasswordSignInOffException when the password is right but the operator's account lets them in only
     *                                    through its identity provider ({@link PasswordSignInPolicy})
     */
    @Transactional(readOnly = true)
    public SignedInOperator signIn(String email, String password, String clientAddress) {
        var attempt = new SignInThrottle.Attempt(AREA, null, clientAddress, email);
        var wait = throttle.waitBefore(attempt);
        if (wait.isPresent()) {
            throw new SignInRefusedException(wait.get());
        }
        var candidates = email == null || password == null ? List.<OperatorRepository.SignInCandidate>of()
                : operators.findSignInCandidates(Keys.of(email)).stream()
                        .filter(c -> c.active() && c.passwordHash() != null).toList();
        if (candidates.isEmpty()) {
            passwordEncoder.matches(password == null ? "" : password, decoyHash);
        }
        for (var candidate : candidates) {
            if (passwordEncoder.matches(password, candidate.passwordHash())) {
                var signedIn = current(candidate.accountId(), candidate.id()).orElseThrow();
                var operator = signedIn.operator();
                var actor = Actor.operator(operator.id(), operator.name());
                if (passwordPolicies.stream().anyMatch(policy -> !policy.allowsPassword(candidate.accountId(), operator))) {
                    // A right password, so no failure counted; but nothing opened either.
                    audit.recordApart(candidate.accountId(), actor, "sign_in.failed", "operator", operator.id(), null,
                            Map.of("area", AREA, "email", operator.email(), "reason", "password_sign_in_off"));
                    throw new PasswordSignInOffException(candidate.accountId());
                }
                if (signedIn.secondFactor() == SecondFactor.NONE) {
                    throttle.succeeded(attempt);
                    audit.recordApart(candidate.accountId(), actor, "sign_in.succeeded", "operator", operator.id(), null,
                            Map.of("area", AREA, "email", operator.email()));
                } else {
                    audit.recordApart(candidate.accountId(), actor, "sign_in.password_verified", "operator", operator.id(), null,
                            Map.of("area", AREA, "email", operator.email(), "second_factor", signedIn.secondFactor().name().toLowerCase(java.util.Locale.ROOT)));
                }
                return signedIn;
            }
        }
        // Nobody knows who typed a wrong password: the entry names whose address was typed, in each account
        // that has it, and the client address it came from.
        for (var candidate : candidates) {
            audit.recordApart(candidate.accountId(), Actor.SYSTEM, "sign_in.failed", "operator", candidate.id(), null,
                    Map.of("area", AREA, "email", email));
        }
        throttle.failed(attempt);
        throw new SignInRefusedException(null);
    }

    /**
     * The operator as a session of theirs sees them now, with how many times their password has
     * changed (a session that signed in before the latest change is over) and what signing in needs
     * beyond the password. Empty for an operator deleted meanwhile.
     */
    @Transactional(readOnly = true)
    public Optional<SignedInOperator> current(String accountId, String operatorId) {
        return operators.findWithCredentialsVersion(accountId, operatorId)
                .map(found -> new SignedInOperator(accountId, found.row().view(), found.credentialsVersion(), found.secondFactor()));
    }

    /**
     * The operator of the account with this e-mail address, as {@link #current} sees them (deactivated ones too), for
     * a sign-in in which someone else, an identity provider the account trusts, proved who they are.
     */
    @Transactional(readOnly = true)
    public Optional<SignedInOperator> byEmail(String accountId, String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return operators.idByEmail(accountId, Keys.of(email)).flatMap(id -> current(accountId, id));
    }

    /**
     * Replaces the operator's password after checking the current one, which ends the operator's
     * other sessions; answers the new credentials version for the session that made the change.
     *
     * @throws InvalidInputException when the current password is wrong ({@code current_password}) or
     *                               the new one breaks the {@link PasswordRules} ({@code password})
     */
    @Transactional
    public int changePassword(String accountId, String operatorId, String currentPassword, String newPassword) {
        var operator = operators.find(accountId, operatorId).orElseThrow(() -> new NotFoundException("operator.not_found"));
        if (currentPassword == null || operator.passwordHash() == null || !passwordEncoder.matches(currentPassword, operator.passwordHash())) {
            throw new InvalidInputException("current_password", "operator.wrong_password");
        }
        passwordRules.check("password", newPassword);
        operators.updatePasswordHash(accountId, operatorId, passwordEncoder.encode(newPassword), clock.instant());
        return operators.credentialsVersion(accountId, operatorId).orElseThrow();
    }

    /**
     * Ends every console session of the operator (an admin's act: a lost laptop, a departure): each is signed out at
     * its next request, on every node. Recorded in the audit log with how many sessions were open.
     */
    @Transactional
    public void endSessions(String accountId, String operatorId, int openSessions) {
        operators.find(accountId, operatorId).orElseThrow(() -> new NotFoundException("operator.not_found"));
        operators.endSessions(accountId, operatorId, clock.instant());
        audit.record(accountId, "operator.sessions_ended", "operator", operatorId, null, Map.of("sessions", openSessions));
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
