package io.atende.operator;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.audit.AuditTrail;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;
import io.atende.platform.SignInRefusedException;
import io.atende.platform.SignInThrottle;
import io.atende.platform.TwoFactorEnrolment;
import io.atende.platform.TwoFactorStore;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operators' two-factor sign-in (TOTP, RFC 6238): enrolment with a secret their authenticator app keeps and a first
 * code that proves it, ten single-use recovery codes, the second step of a sign-in, disabling it, an admin's reset,
 * and the account's requirement that every operator use it. Codes are good once: the step of the last code used is
 * remembered, and only later steps are accepted. Wrong codes at sign-in count in the sign-in throttle like wrong
 * passwords. Enabling, disabling, resetting, using a recovery code and changing the requirement are audited; no
 * secret or code ever is.
 */
@Service
public class OperatorTwoFactor {

    private final TwoFactorRepository policy;
    private final TwoFactorStore twoFactor;
    private final OperatorRepository operators;
    private final OperatorSignIn signIn;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final Clock clock;

    OperatorTwoFactor(TwoFactorRepository twoFactor, OperatorRepository operators, OperatorSignIn signIn,
                      PasswordEncoder passwordEncoder, SignInThrottle throttle, AuditTrail audit, Clock clock) {
        this.policy = twoFactor;
        this.twoFactor = twoFactor.store();
        this.operators = operators;
        this.signIn = signIn;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws NotFoundException when the account has no such operator */
    @Transactional(readOnly = true)
    public TwoFactorStatus status(String accountId, String operatorId) {
        operator(accountId, operatorId);
        boolean enabled = twoFactor.find(accountId, operatorId).map(TwoFactorStore.Secret::confirmed).orElse(false);
        return new TwoFactorStatus(enabled, enabled ? twoFactor.unusedRecoveryCodes(accountId, operatorId) : 0, policy.required(accountId));
    }

    /** Whether the account requires every operator to sign in with a second factor. */
    @Transactional(readOnly = true)
    public boolean required(String accountId) {
        return policy.required(accountId);
    }

    /**
     * Starts an enrolment with a new 160-bit secret, replacing one that was never confirmed.
     *
     * @throws RuleViolationException when the operator already uses two-factor sign-in ({@code two_factor.already_enabled})
     */
    @Transactional
    public TwoFactorEnrolment startEnrolment(String accountId, String operatorId) {
        var operator = operator(accountId, operatorId);
        if (twoFactor.find(accountId, operatorId).filter(TwoFactorStore.Secret::confirmed).isPresent()) {
            throw new RuleViolationException("two_factor.already_enabled");
        }
        return new TwoFactorEnrolment(twoFactor.startEnrolment(accountId, operatorId, clock.instant()), operator.email());
    }

    /** The enrolment waiting for its first code, if one is. */
    @Transactional(readOnly = true)
    public Optional<TwoFactorEnrolment> enrolment(String accountId, String operatorId) {
        var operator = operator(accountId, operatorId);
        return twoFactor.find(accountId, operatorId).filter(secret -> !secret.confirmed())
                .map(secret -> new TwoFactorEnrolment(secret.secret(), operator.email()));
    }

    /**
     * Confirms the enrolment with a current code of the app, which turns two-factor sign-in on, and answers the ten
     * recovery codes, to be shown this once: only their hashes are kept.
     *
     * @throws RuleViolationException when no enrolment waits ({@code two_factor.no_enrolment})
     * @throws InvalidInputException  when the code is not the app's current one ({@code code})
     */
    @Transactional
    public List<String> confirmEnrolment(String accountId, String operatorId, String code) {
        var operator = operator(accountId, operatorId);
        var codes = twoFactor.confirm(accountId, operatorId, code, clock.instant());
        audit.record(accountId, actorOr(operator), "two_factor.enabled", "operator", operatorId,
                Map.of("two_factor", false), Map.of("two_factor", true, "recovery_codes", codes.size()));
        return codes;
    }

    /**
     * Turns the operator's own two-factor sign-in off, after a current code of the app or their password.
     *
     * @throws RuleViolationException when the account requires it ({@code two_factor.required_by_account}) or it is off
     * @throws InvalidInputException  when neither a current code nor the password was given ({@code confirmation})
     */
    @Transactional
    public void disable(String accountId, String operatorId, String codeOrPassword) {
        var operator = operator(accountId, operatorId);
        var secret = twoFactor.find(accountId, operatorId).filter(TwoFactorStore.Secret::confirmed)
                .orElseThrow(() -> new RuleViolationException("two_factor.not_enabled"));
        if (policy.required(accountId)) {
            throw new RuleViolationException("two_factor.required_by_account");
        }
        boolean proved = codeOrPassword != null && !codeOrPassword.isEmpty()
                && (twoFactor.currentStep(secret, codeOrPassword, clock.instant()).isPresent()
                || operator.passwordHash() != null && passwordEncoder.matches(codeOrPassword, operator.passwordHash()));
        if (!proved) {
            throw new InvalidInputException("confirmation", "two_factor.wrong_confirmation");
        }
        twoFactor.delete(accountId, operatorId);
        audit.record(accountId, actorOr(operator), "two_factor.disabled", "operator", operatorId,
                Map.of("two_factor", true), Map.of("two_factor", false));
    }

    /**
     * Replaces the operator's recovery codes with ten new ones, after a current code of the app or their password: the
     * old codes, used or not, stop working. Answers the new codes, to be shown this once.
     *
     * @throws RuleViolationException when two-factor sign-in is off ({@code two_factor.not_enabled})
     * @throws InvalidInputException  when neither a current code nor the password was given ({@code confirmation})
     */
    @Transactional
    public List<String> renewRecoveryCodes(String accountId, String operatorId, String codeOrPassword) {
        var operator = operator(accountId, operatorId);
        var secret = twoFactor.find(accountId, operatorId).filter(TwoFactorStore.Secret::confirmed)
                .orElseThrow(() -> new RuleViolationException("two_factor.not_enabled"));
        var step = twoFactor.currentStep(secret, codeOrPassword, clock.instant());
        boolean proved = step.isPresent() && twoFactor.useStep(accountId, operatorId, step.getAsLong())
                || codeOrPassword != null && !codeOrPassword.isEmpty() && operator.passwordHash() != null
                && passwordEncoder.matches(codeOrPassword, operator.passwordHash());
        if (!proved) {
            throw new InvalidInputException("confirmation", "two_factor.wrong_confirmation");
        }
        int unused = twoFactor.unusedRecoveryCodes(accountId, operatorId);
        var codes = twoFactor.newRecoveryCodes(accountId, operatorId);
        audit.record(accountId, actorOr(operator), "two_factor.recovery_codes_renewed", "operator", operatorId,
                Map.of("recovery_codes", unused), Map.of("recovery_codes", codes.size()));
        return codes;
    }

    /**
     * An admin's reset of an operator's two-factor sign-in (a lost phone): the secret and recovery codes are
     * forgotten; the operator signs in with the password alone, or enrols again when the account requires it.
     *
     * @throws NotFoundException      when the account has no such operator
     * @throws RuleViolationException when the operator has nothing to reset ({@code two_factor.not_enabled})
     */
    @Transactional
    public void reset(String accountId, String operatorId) {
        operator(accountId, operatorId);
        boolean wasEnabled = twoFactor.find(accountId, operatorId).map(TwoFactorStore.Secret::confirmed).orElse(false);
        if (!twoFactor.delete(accountId, operatorId) || !wasEnabled) {
            throw new RuleViolationException("two_factor.not_enabled");
        }
        audit.record(accountId, "operator.two_factor_reset", "operator", operatorId,
                Map.of("two_factor", true), Map.of("two_factor", false));
    }

    /**
     * Requires (or stops requiring) a second factor of every operator of the account. Whoever turns it on must use
     * one already, or their own session would end at once.
     *
     * @throws RuleViolationException when {@code byOperatorId} has not enrolled ({@code two_factor.enrol_first})
     */
    @Transactional
    public void require(String accountId, boolean required, String byOperatorId) {
        boolean before = policy.required(accountId);
        if (required && twoFactor.find(accountId, byOperatorId).filter(TwoFactorStore.Secret::confirmed).isEmpty()) {
            throw new RuleViolationException("two_factor.enrol_first");
        }
        if (before == required) {
            return;
        }
        policy.require(accountId, required, clock.instant());
        audit.record(accountId, "account.two_factor_requirement_changed", "account", accountId,
                Map.of("two_factor_required", before), Map.of("two_factor_required", required));
    }

    /**
     * The second step of a sign-in whose password was right: a current code of the app (one not used before) or an
     * unused recovery code, which is then spent. Wrong codes count in the sign-in throttle with the operator's e-mail
     * and the client address, as wrong passwords do, and are refused unchecked while it makes them wait.
     *
     * @throws SignInRefusedException when the code is wrong, or the attempt has to wait
     */
    @Transactional
    public SignedInOperator completeSignIn(String accountId, String operatorId, String code, String clientAddress) {
        var operator = operators.find(accountId, operatorId).filter(OperatorRow::active)
                .orElseThrow(() -> new SignInRefusedException(null));
        var attempt = new SignInThrottle.Attempt(OperatorSignIn.AREA, null, clientAddress, operator.email());
        var wait = throttle.waitBefore(attempt);
        if (wait.isPresent()) {
            throw new SignInRefusedException(wait.get());
        }
        var actor = Actor.operator(operatorId, operator.name());
        var used = twoFactor.prove(accountId, operatorId, code, clock.instant()).orElse(null);
        if (used == TwoFactorStore.Proof.RECOVERY_CODE) {
            audit.record(accountId, actor, "two_factor.recovery_code_used", "operator", operatorId, null,
                    Map.of("recovery_codes_left", twoFactor.unusedRecoveryCodes(accountId, operatorId)));
        }
        if (used == null) {
            audit.recordApart(accountId, Actor.SYSTEM, "sign_in.failed", "operator", operatorId, null,
                    Map.of("area", OperatorSignIn.AREA, "email", operator.email(), "second_factor", "wrong_code"));
            throw failed(attempt);
        }
        throttle.succeeded(attempt);
        audit.record(accountId, actor, "sign_in.succeeded", "operator", operatorId, null,
                Map.of("area", OperatorSignIn.AREA, "email", operator.email(), "second_factor", used.code()));
        return signIn.current(accountId, operatorId).orElseThrow();
    }

    /**
     * A sign-in whose password was right, completed by the enrolment the account requires: the first code of the new
     * secret proves the second factor, and the recovery codes come with the signed-in operator.
     *
     * @throws SignInRefusedException when the operator was deactivated or deleted meanwhile
     * @throws InvalidInputException  when the code is not the app's current one ({@code code})
     * @throws RuleViolationException when no enrolment waits ({@code two_factor.no_enrolment})
     */
    @Transactional
    public Enrolled completeSignInByEnrolment(String accountId, String operatorId, String code, String clientAddress) {
        var operator = operators.find(accountId, operatorId).filter(OperatorRow::active)
                .orElseThrow(() -> new SignInRefusedException(null));
        var codes = confirmEnrolment(accountId, operatorId, code);
        throttle.succeeded(new SignInThrottle.Attempt(OperatorSignIn.AREA, null, clientAddress, operator.email()));
        audit.record(accountId, Actor.operator(operatorId, operator.name()), "sign_in.succeeded", "operator", operatorId, null,
                Map.of("area", OperatorSignIn.AREA, "email", operator.email(), "second_factor", "enrolment"));
        return new Enrolled(signIn.current(accountId, operatorId).orElseThrow(), codes);
    }

    /** A sign-in completed by enrolling, and the recovery codes to show this once. */
    public record Enrolled(SignedInOperator operator, List<String> recoveryCodes) {
    }

    private SignInRefusedException failed(SignInThrottle.Attempt attempt) {
        throttle.failed(attempt);
        return new SignInRefusedException(null);
    }

    /** Who acts: the signed-in operator of the request, else (enrolling during sign-in, before any is bound) the operator. */
    private static Actor actorOr(OperatorRow operator) {
        var current = Actors.current();
        return current.equals(Actor.SYSTEM) ? Actor.operator(operator.id(), operator.name()) : current;
    }

    private OperatorRow operator(String accountId, String operatorId) {
        return operators.find(accountId, operatorId).orElseThrow(() -> new NotFoundException("operator.not_found"));
    }
}
