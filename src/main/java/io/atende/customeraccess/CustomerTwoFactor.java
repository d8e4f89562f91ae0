package io.atende.customeraccess;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.audit.AuditTrail;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.platform.Actor;
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
 * Portal customers' optional two-factor sign-in (TOTP, RFC 6238), as operators have it: a customer turns it on from
 * their portal account page with a secret their authenticator app keeps and a first code that proves it, and gets ten
 * single-use recovery codes; a sign-in whose password was right then needs a current code or a recovery code. Wrong
 * codes count in the portal's sign-in throttle like wrong passwords. An account admin can reset it (a lost phone).
 * Enabling, disabling, resetting and using a recovery code are audited; no secret or code ever is. Customers a
 * verified widget identity names never sign in with a password, so none of this applies to them.
 */
@Service
public class CustomerTwoFactor {

    private final TwoFactorStore twoFactor;
    private final CustomerManagement customers;
    private final PortalRepository portal;
    private final CustomerPortalAccess access;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final Clock clock;

    CustomerTwoFactor(CustomerTwoFactorKeys.CustomerTwoFactorStore store, CustomerManagement customers, PortalRepository portal,
                      CustomerPortalAccess access, PasswordEncoder passwordEncoder, SignInThrottle throttle, AuditTrail audit, Clock clock) {
        this.twoFactor = store.store();
        this.customers = customers;
        this.portal = portal;
        this.access = access;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A customer's two-factor sign-in as their account page and the console's customer page show it.
     *
     * @param enabled           whether signing in asks for a code
     * @param recoveryCodesLeft unused recovery codes
     */
    public record Status(boolean enabled, int recoveryCodesLeft) {
    }

    /** @throws NotFoundException when the account has no such customer */
    @Transactional(readOnly = true)
    public Status status(String accountId, String customerId) {
        customers.get(accountId, customerId);
        boolean enabled = twoFactor.enabled(accountId, customerId).isPresent();
        return new Status(enabled, enabled ? twoFactor.unusedRecoveryCodes(accountId, customerId) : 0);
    }

    /**
     * Starts an enrolment with a new secret, replacing one that was never confirmed.
     *
     * @throws RuleViolationException when the customer already uses two-factor sign-in ({@code two_factor.already_enabled})
     */
    @Transactional
    public TwoFactorEnrolment startEnrolment(String accountId, String customerId) {
        var customer = customers.get(accountId, customerId);
        if (twoFactor.enabled(accountId, customerId).isPresent()) {
            throw new RuleViolationException("two_factor.already_enabled");
        }
        return new TwoFactorEnrolment(twoFactor.startEnrolment(accountId, customerId, clock.instant()), customer.email());
    }

    /** The enrolment waiting for its first code, if one is. */
    @Transactional(readOnly = true)
    public Optional<TwoFactorEnrolment> enrolment(String accountId, String customerId) {
        var customer = customers.get(accountId, customerId);
        return twoFactor.pending(accountId, customerId).map(secret -> new TwoFactorEnrolment(secret.secret(), customer.email()));
    }

    /**
     * Confirms the enrolment with a current code of the app, which turns two-factor sign-in on, and answers the ten
     * recovery codes, to be shown this once.
     *
     * @throws RuleViolationException when no enrolment waits ({@code two_factor.no_enrolment})
     * @throws InvalidInputException  when the code is not the app's current one ({@code code})
     */
    @Transactional
    public List<String> confirmEnrolment(String accountId, String customerId, String code) {
        var customer = customers.get(accountId, customerId);
        var codes = twoFactor.confirm(accountId, customerId, code, clock.instant());
        audit.record(accountId, actor(customer), "two_factor.enabled", "customer", customerId,
                Map.of("two_factor", false), Map.of("two_factor", true, "recovery_codes", codes.size()));
        return codes;
    }

    /**
     * Turns the customer's two-factor sign-in off, after a current code of the app or their password.
     *
     * @throws RuleViolationException when it is off ({@code two_factor.not_enabled})
     * @throws InvalidInputException  when neither a current code nor the password was given ({@code confirmation})
     */
    @Transactional
    public void disable(String accountId, String customerId, String codeOrPassword) {
        var customer = customers.get(accountId, customerId);
        var secret = twoFactor.enabled(accountId, customerId).orElseThrow(() -> new RuleViolationException("two_factor.not_enabled"));
        String passwordHash = portal.findCredentials(accountId, customerId).map(PortalRepository.Credentials::passwordHash).orElse(null);
        boolean proved = twoFactor.currentStep(secret, codeOrPassword, clock.instant()).isPresent()
                || codeOrPassword != null && !codeOrPassword.isEmpty() && passwordHash != null && passwordEncoder.matches(codeOrPassword, passwordHash);
        if (!proved) {
            throw new InvalidInputException("confirmation", "two_factor.wrong_confirmation");
        }
        twoFactor.delete(accountId, customerId);
        audit.record(accountId, actor(customer), "two_factor.disabled", "customer", customerId,
                Map.of("two_factor", true), Map.of("two_factor", false));
    }

    /**
     * An account admin's reset of a customer's second factor (a lost phone): the secret and recovery codes are
     * forgotten and the customer signs in with the password alone.
     *
     * @throws NotFoundException      when the account has no such customer
     * @throws RuleViolationException when the customer has nothing to reset ({@code two_factor.not_enabled})
     */
    @Transactional
    public void reset(String accountId, String customerId) {
        customers.get(accountId, customerId);
        boolean wasEnabled = twoFactor.enabled(accountId, customerId).isPresent();
        if (!twoFactor.delete(accountId, customerId) || !wasEnabled) {
            throw new RuleViolationException("two_factor.not_enabled");
        }
        audit.record(accountId, "customer.two_factor_reset", "customer", customerId,
                Map.of("two_factor", true), Map.of("two_factor", false));
    }

    /**
     * The second step of a portal sign-in whose password was right: a current code of the app (one not used before)
     * or an unused recovery code, which is then spent. Wrong codes count in the portal's sign-in throttle with the
     * customer's e-mail and the client address, as wrong passwords do, and are refused unchecked while it makes them wait.
     *
     * @throws SignInRefusedException when the code is wrong, the customer lost access meanwhile, or the attempt has to wait
     */
    @Transactional
    public SignedInCustomer completeSignIn(String accountId, String customerId, String code, String clientAddress) {
        var customer = customers.find(accountId, io.atende.customer.CustomerLookup.byId(customerId)).filter(CustomerView::active)
                .orElseThrow(() -> new SignInRefusedException(null));
        var attempt = new SignInThrottle.Attempt(CustomerPortalAccess.AREA, accountId, clientAddress, customer.email());
        var wait = throttle.waitBefore(attempt);
        if (wait.isPresent()) {
            throw new SignInRefusedException(wait.get());
        }
        var used = twoFactor.prove(accountId, customerId, code, clock.instant()).orElse(null);
        if (used == null) {
            audit.recordApart(accountId, Actor.SYSTEM, "sign_in.failed", "customer", customerId, null,
                    Map.of("area", CustomerPortalAccess.AREA, "email", customer.email(), "second_factor", "wrong_code"));
            throttle.failed(attempt);
            throw new SignInRefusedException(null);
        }
        if (used == TwoFactorStore.Proof.RECOVERY_CODE) {
            audit.record(accountId, actor(customer), "two_factor.recovery_code_used", "customer", customerId, null,
                    Map.of("recovery_codes_left", twoFactor.unusedRecoveryCodes(accountId, customerId)));
        }
        throttle.succeeded(attempt);
        audit.record(accountId, actor(customer), "sign_in.succeeded", "customer", customerId, null,
                Map.of("area", CustomerPortalAccess.AREA, "email", customer.email(), "second_factor", used.code()));
        return access.session(accountId, customerId).orElseThrow(() -> new SignInRefusedException(null));
    }

    private static Actor actor(CustomerView customer) {
        return Actor.customer(customer.id(), customer.name());
    }
}
