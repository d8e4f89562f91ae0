package io.atende.customeraccess;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerLanguage;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.audit.AuditTrail;
import io.atende.platform.Actor;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PasswordRules;
import io.atende.platform.RuleViolationException;
import io.atende.platform.SignInRefusedException;
import io.atende.platform.SignInThrottle;
import io.atende.platform.TwoFactorStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may use the customer portal and how they prove it: invitations and password resets by
 * single-use, expiring links (only their hashes are stored), sign-in with failed attempts throttled
 * ({@link SignInThrottle}), optional self-registration, the organization-manager flag, and the
 * account's portal and widget settings.
 */
@Service
public class CustomerPortalAccess {

    /** How long an invitation link works. */
    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    /** How long a password-reset link works. */
    public static final Duration RESET_VALIDITY = Duration.ofHours(2);
    static final int MAX_SITES = 50;
    private static final String INVITATION = "invitation";
    private static final String RESET = "reset";
    static final String AREA = "portal";

    private final PortalRepository repository;
    private final CustomerManagement customers;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final String publicUrl;
    // Checked when nobody has the address, so that an unknown address takes as long as a wrong password.
    private final String decoyHash;
    private final AuditTrail audit;
    private final PasswordRules passwordRules;
    private final TwoFactorStore twoFactor;

    CustomerPortalAccess(PortalRepository repository, CustomerManagement customers, PasswordEncoder passwordEncoder,
                         ApplicationEventPublisher events, SignInThrottle throttle, Clock clock,
                         @Value("${atende.public-url}") String publicUrl, AuditTrail audit, PasswordRules passwordRules,
                         CustomerTwoFactorKeys.CustomerTwoFactorStore twoFactor) {
        this.twoFactor = twoFactor.store();
        this.audit = audit;
        this.passwordRules = passwordRules;
        this.throttle = throttle;
        this.repository = repository;
        this.customers = customers;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.decoyHash = passwordEncoder.encode("decoy password that nobody has");
    }

    /**
     * Gives the customer access to the portal: answers a link (starting with
     * {@code atende.public-url}) where they set their password, valid for
     * {@link #INVITATION_VALIDITY}, and publishes {@link PortalInvitationIssued} so that it can be
     * e-mailed. Not found for an unknown customer; refused when the customer has no e-mail address or is inactive.
     */
    @Transactional
    public PortalLink invite(String accountId, String customerId) {
        var customer = customers.get(accountId, customerId);
        if (customer.email() == null) {
            throw new RuleViolationException("portal.customer_without_email");
        }
        if (!customer.active()) {
            throw new RuleViolationException("customer.inactive");
        }
        return issueInvitation(accountId, customer);
    }

    /**
     * Starts a password reset for the customer with this address in the account, when they have
     * portal access: publishes {@link PortalPasswordResetRequested} with a link valid for
     * {@link #RESET_VALIDITY}. Says nothing about whether the address exists; invalid only for
     * an address that is not one.
     */
    @Transactional
    public void requestReset(String accountId, String email) {
        String address = Inputs.requiredEmail("email", email);
        var customer = customers.find(accountId, CustomerLookup.byEmail(address)).filter(CustomerView::active).orElse(null);
        if (customer == null || repository.findCredentials(accountId, customer.id()).isEmpty()) {
            return;
        }
        issueReset(accountId, customer);
    }

    /**
     * Signs a visitor up, when the account allows self-registration (refused otherwise): a new
     * customer is created for an unknown address, and a link to set the password is published as
     * an invitation (or, for a customer who already has access, as a reset), so that only the
     * owner of the address gets in. Answers the same whether or not the address was known.
     */
    @Transactional
    public void register(String accountId, String name, String email, Locale language) {
        if (!settings(accountId).selfRegistration()) {
            throw new RuleViolationException("portal.registration_closed");
        }
        String cleanName = Inputs.requiredText("name", name, 250);
        String address = Inputs.requiredEmail("email", email);
        var known = customers.find(accountId, CustomerLookup.byEmail(address));
        if (known.isPresent()) {
            var customer = known.get();
            if (!customer.active()) {
                return;
            }
            if (repository.findCredentials(accountId, customer.id()).isPresent()) {
                issueReset(accountId, customer);
            } else {
                issueInvitation(accountId, customer);
            }
            return;
        }
        var created = customers.create(accountId, new CreateCustomer(address, cleanName, address, null, null, null, null, null,
                null, null, languageOf(language), null, null));
        issueInvitation(accountId, created);
    }

    /** Whether the link's secret is one the account issued, unused and unexpired. */
    @Transactional(readOnly = true)
    public boolean isLinkValid(String accountId, String secret) {
        if (accountId == null || secret == null || secret.isBlank()) {
            return false;
        }
        var now = clock.instant();
        return repository.findToken(accountId, PortalSecrets.hash(secret))
                .filter(token -> token.usedAt() == null && token.expiresAt().isAfter(now)).isPresent();
    }

    /**
     * Sets the password of the customer the link was issued to and uses up every open link of
     * theirs; the customer's sessions signed in before end. Answers the customer, signed in. Invalid for a link that is unknown, used or expired ({@code token}) and for a password
     * shorter than 8 or longer than 200 characters ({@code password}).
     */
    @Transactional
    public SignedInCustomer setPassword(String accountId, String secret, String password) {
        if (accountId == null || secret == null || secret.isBlank()) {
            throw new InvalidInputException("token", "portal.link_invalid");
        }
        var now = clock.instant();
        var token = repository.lockToken(accountId, PortalSecrets.hash(secret))
                .filter(t -> t.usedAt() == null && t.expiresAt().isAfter(now))
                .orElseThrow(() -> new InvalidInputException("token", "portal.link_invalid"));
        passwordRules.check("password", password);
        repository.ensureCustomer(accountId, token.customerId(), now);
        repository.setPassword(accountId, token.customerId(), passwordEncoder.encode(password), now);
        repository.useAllTokens(accountId, token.customerId(), now);
        return session(accountId, token.customerId()).orElseThrow(() -> new InvalidInputException("token", "portal.link_invalid"));
    }

    /**
     * The active customer of the account with this e-mail, portal access and this password,
     * signing in from {@code clientAddress}. Failures are counted per client address and typed
     * e-mail, whether or not anyone has the address; after too many the attempt is refused
     * unchecked for a growing while.
     *
     * @throws SignInRefusedException when nothing matches, or when the attempt has to wait
     */
    @Transactional(readOnly = true)
    public SignedInCustomer signIn(String accountId, String email, String password, String clientAddress) {
        var attempt = new SignInThrottle.Attempt(AREA, accountId, clientAddress, email);
        var wait = throttle.waitBefore(attempt);
        if (wait.isPresent()) {
            throw new SignInRefusedException(wait.get());
        }
        var customer = accountId == null || email == null || email.isBlank() || password == null ? null
                : customers.find(accountId, CustomerLookup.byEmail(email)).filter(CustomerView::active).orElse(null);
        var credentials = customer == null ? null
                : repository.findCredentials(accountId, customer.id()).filter(c -> c.passwordHash() != null).orElse(null);
        if (credentials == null) {
            passwordEncoder.matches(password == null ? "" : password, decoyHash);
        } else if (passwordEncoder.matches(password, credentials.passwordHash())) {
            var actor = Actor.customer(customer.id(), customer.name());
            boolean codeNeeded = twoFactor.enabled(accountId, customer.id()).isPresent();
            if (codeNeeded) {
                // Only the password is proved: earlier failures stay counted until the code completes the sign-in
                // (CustomerTwoFactor#completeSignIn), so a known password cannot wipe out the count of wrong codes.
                audit.recordApart(accountId, actor, "sign_in.password_verified", "customer", customer.id(), null,
                        Map.of("area", AREA, "email", email, "second_factor", "totp"));
            } else {
                throttle.succeeded(attempt);
                audit.recordApart(accountId, actor, "sign_in.succeeded", "customer", customer.id(), null, Map.of("area", AREA, "email", email));
            }
            return new SignedInCustomer(view(accountId, customer, credentials), credentials.credentialsVersion(), codeNeeded);
        } else {
            // Nobody knows who typed the wrong password: the entry names whose address it was.
            audit.recordApart(accountId, Actor.SYSTEM, "sign_in.failed", "customer", customer.id(), null,
                    Map.of("area", AREA, "email", email));
        }
        throttle.failed(attempt);
        throw new SignInRefusedException(null);
    }

    /** What the portal keeps about the customer's access (for the export of their data); empty when never invited nor registered. */
    @Transactional(readOnly = true)
    public Optional<PortalAccountRecord> record(String accountId, String customerId) {
        return repository.findRecord(accountId, customerId);
    }

    /**
     * The customer as the portal sees them now, if they still have access (active, with a
     * password); for refreshing a session on every request.
     */
    @Transactional(readOnly = true)
    public Optional<PortalCustomer> current(String accountId, String customerId) {
        return session(accountId, customerId).map(SignedInCustomer::customer);
    }

    /**
     * The customer now, with how many times their password has been set, if they still have access:
     * a session that signed in before the latest change is over.
     */
    @Transactional(readOnly = true)
    public Optional<SignedInCustomer> session(String accountId, String customerId) {
        var customer = customers.findAll(accountId, List.of(customerId)).get(customerId);
        if (customer == null || !customer.active()) {
            return Optional.empty();
        }
        return repository.findCredentials(accountId, customerId).filter(c -> c.passwordHash() != null)
                .map(credentials -> new SignedInCustomer(view(accountId, customer, credentials), credentials.credentialsVersion(), false));
    }

    /**
     * Makes the customer a manager of their organization (who sees its tickets in the portal) or
     * not. Not found for an unknown customer. The flag is kept by the portal even before the customer
     * has been invited.
     */
    @Transactional
    public void setOrganizationManager(String accountId, String customerId, boolean manager) {
        var customer = customers.get(accountId, customerId);
        var now = clock.instant();
        repository.ensureCustomer(accountId, customer.id(), now);
        repository.setOrganizationManager(accountId, customer.id(), manager, now);
    }

    /** Whether the customer is flagged as a manager of their organization. */
    @Transactional(readOnly = true)
    public boolean isOrganizationManager(String accountId, String customerId) {
        return repository.findCredentials(accountId, customerId).map(PortalRepository.Credentials::organizationManager).orElse(false);
    }

    /** The account's portal settings ({@link PortalSettings#DEFAULTS} until changed). */
    @Transactional(readOnly = true)
    public PortalSettings settings(String accountId) {
        return repository.findSettings(accountId).orElse(PortalSettings.DEFAULTS);
    }

    /**
     * Replaces the account's portal settings. Sites are origins ({@code https://host[:port]}, at
     * most 50), the logo an http(s) address of at most 1000 characters; invalid otherwise.
     */
    @Transactional
    public PortalSettings updateSettings(String accountId, PortalSettings settings) {
        if (settings.allowedSites().size() > MAX_SITES) {
            throw new InvalidInputException("allowed_sites", "parameter.out_of_range", 0, MAX_SITES);
        }
        List<String> sites = new ArrayList<>();
        for (String site : settings.allowedSites()) {
            String origin = origin(site).orElseThrow(() -> new InvalidInputException("allowed_sites", "portal.site_invalid", site));
            if (!sites.contains(origin)) {
                sites.add(origin);
            }
        }
        String logo = Inputs.optionalText("logo_url", settings.logoUrl(), 1000);
        if (logo != null && logo.isEmpty()) {
            logo = null;
        }
        if (logo != null && !isWebAddress(logo)) {
            throw new InvalidInputException("logo_url", "parameter.invalid");
        }
        var clean = new PortalSettings(settings.selfRegistration(), sites, logo);
        repository.saveSettings(accountId, clean, clock.instant());
        return clean;
    }

    /** The origin ({@code scheme://host[:port]}, lower case) a site address names, if it is an http(s) address. */
    public static Optional<String> origin(String site) {
        if (site == null || site.isBlank()) {
            return Optional.empty();
        }
        try {
            var uri = URI.create(site.strip());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isWebAddress(String text) {
        try {
            var uri = URI.create(text);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private PortalLink issueInvitation(String accountId, CustomerView customer) {
        var now = clock.instant();
        repository.ensureCustomer(accountId, customer.id(), now);
        var link = newLink(accountId, customer.id(), INVITATION, now.plus(INVITATION_VALIDITY), now);
        events.publishEvent(new PortalInvitationIssued(accountId, customer.id(), customer.email(), customer.name(),
                languageTag(customer.language()), link.url(), link.expiresAt()));
        return link;
    }

    private void issueReset(String accountId, CustomerView customer) {
        var now = clock.instant();
        var link = newLink(accountId, customer.id(), RESET, now.plus(RESET_VALIDITY), now);
        events.publishEvent(new PortalPasswordResetRequested(accountId, customer.id(), customer.email(), customer.name(),
                languageTag(customer.language()), link.url(), link.expiresAt()));
    }

    private PortalLink newLink(String accountId, String customerId, String purpose, Instant expiresAt, Instant now) {
        String secret = PortalSecrets.newSecret();
        repository.insertToken(accountId, PortalSecrets.hash(secret), customerId, purpose, expiresAt, now);
        String url = publicUrl + "/portal/password?account=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8)
                + "&token=" + secret;
        return new PortalLink(url, expiresAt);
    }

    private PortalCustomer view(String accountId, CustomerView customer, PortalRepository.Credentials credentials) {
        return new PortalCustomer(accountId, customer.id(), customer.name(), customer.email(), customer.organizationId(),
                customer.organizationName(), credentials.organizationManager(), mayOpenTickets(accountId, customer),
                languageTag(customer.language()));
    }

    private boolean mayOpenTickets(String accountId, CustomerView customer) {
        return customer.allowCreateTickets() && !customers.isBlacklisted(accountId, customer.email());
    }

    static String languageTag(CustomerLanguage language) {
        return switch (language) {
            case EN_US -> "en";
            case ES_ES -> "es";
            case PT_BR -> "pt-BR";
        };
    }

    private static CustomerLanguage languageOf(Locale locale) {
        if (locale == null) {
            return CustomerLanguage.PT_BR;
        }
        return CustomerLanguage.fromText(locale.getLanguage()).orElse(CustomerLanguage.PT_BR);
    }
}
