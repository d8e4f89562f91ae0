package io.atende.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.atende.audit.AuditTrail;
import io.atende.platform.Actor;
import io.atende.platform.InvalidInputException;
import io.atende.platform.Keys;
import io.atende.platform.PasswordRules;
import io.atende.platform.SignInRefusedException;
import io.atende.platform.SignInThrottle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator who forgot the console password chooses a new one through a link sent to their e-mail. The link carries
 * 256 random bits and its account ({@code <account id>.<secret>}); only the secret's SHA-256 is stored, it works once
 * and for {@value #VALID_MINUTES} minutes, and asking again voids the earlier one. Asking answers the same whether or
 * not anyone has the address, and is throttled like a sign-in, on the client address and the typed e-mail. Choosing
 * the new password follows the {@link PasswordRules} and ends every session of the operator (their credentials
 * version changes); a second factor is still asked at the next sign-in.
 */
@Service
public class OperatorPasswordReset {

    static final int VALID_MINUTES = 30;
    static final String AREA = "reset";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OperatorRepository operators;
    private final PasswordResetRepository links;
    private final PasswordEncoder passwordEncoder;
    private final PasswordRules rules;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final String resetPage;

    OperatorPasswordReset(OperatorRepository operators, PasswordResetRepository links, PasswordEncoder passwordEncoder,
                          PasswordRules rules, SignInThrottle throttle, ApplicationEventPublisher events, AuditTrail audit,
                          Clock clock, @Value("${atende.public-url}") String publicUrl) {
        this.operators = operators;
        this.links = links;
        this.passwordEncoder = passwordEncoder;
        this.rules = rules;
        this.throttle = throttle;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        // The configured address, never the request's Host header: a forged host would send the link elsewhere.
        this.resetPage = (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + "/console/password-reset?token=";
    }

    /**
     * Sends a reset link to every active operator with this e-mail (one per account that has it). Answers nothing,
     * whether or not anyone has the address; every request counts in the throttle, so a flood of them is refused.
     *
     * @throws SignInRefusedException (throttled) when too many requests came from this address or for this e-mail
     */
    @Transactional
    public void requestLink(String email, String clientAddress) {
        var attempt = new SignInThrottle.Attempt(AREA, null, clientAddress, email);
        var wait = throttle.waitBefore(attempt);
        if (wait.isPresent()) {
            throw new SignInRefusedException(wait.get());
        }
        throttle.failed(attempt);
        if (email == null || email.isBlank() || email.length() > 320) {
            return;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofMinutes(VALID_MINUTES));
        for (var candidate : operators.findSignInCandidates(Keys.of(email.strip()))) {
            if (!candidate.active()) {
                continue;
            }
            var operator = operators.find(candidate.accountId(), candidate.id()).orElseThrow();
            String secret = newSecret();
            links.replace(candidate.accountId(), candidate.id(), hash(secret), now, expires);
            audit.record(candidate.accountId(), Actor.SYSTEM, "password_reset.requested", "operator", candidate.id(), null,
                    Map.of("email", operator.email()));
            events.publishEvent(new OperatorPasswordResetRequested(candidate.accountId(), candidate.id(), operator.email(),
                    operator.name(), operator.language(), resetPage + candidate.accountId() + "." + secret, expires));
        }
    }

    /** The operator a link is for while it works; empty for an unknown, used or expired link. */
    @Transactional(readOnly = true)
    public Optional<OperatorView> linkFor(String token) {
        var parts = parse(token).orElse(null);
        if (parts == null) {
            return Optional.empty();
        }
        return links.find(parts.accountId(), hash(parts.secret())).filter(link -> link.usable(clock.instant()))
                .flatMap(link -> operators.find(parts.accountId(), link.operatorId()))
                .filter(OperatorRow::active).map(OperatorRow::view);
    }

    /**
     * Sets the password through a link, which is then spent with every other link of the operator; every session of
     * the operator ends. Recorded in the audit log.
     *
     * @throws InvalidInputException {@code token} (unknown, used or expired link) or {@code password} (the rules)
     */
    @Transactional
    public OperatorView choosePassword(String token, String password) {
        var parts = parse(token).orElseThrow(OperatorPasswordReset::invalidLink);
        Instant now = clock.instant();
        var link = links.lock(parts.accountId(), hash(parts.secret())).filter(found -> found.usable(now))
                .orElseThrow(OperatorPasswordReset::invalidLink);
        var operator = operators.find(parts.accountId(), link.operatorId()).filter(OperatorRow::active)
                .orElseThrow(OperatorPasswordReset::invalidLink);
        rules.check("password", password);
        operators.updatePasswordHash(parts.accountId(), operator.id(), passwordEncoder.encode(password), now);
        links.forgetAll(parts.accountId(), operator.id());
        audit.record(parts.accountId(), Actor.operator(operator.id(), operator.name()), "password_reset.completed", "operator",
                operator.id(), null, Map.of("password_changed", true));
        return operator.view();
    }

    /** A reset link that does not work: unknown, used, expired, or its operator deactivated. */
    private static InvalidInputException invalidLink() {
        return new InvalidInputException("token", "operator.password_reset_invalid");
    }

    private record Parts(String accountId, String secret) {
    }

    private static Optional<Parts> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 32 || token.length() > 120) {
            return Optional.empty();
        }
        return Optional.of(new Parts(token.substring(0, dot), token.substring(dot + 1)));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256, not the password encoder: the secret carries 256 random bits, so its hash cannot be reversed by guessing. */
    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
