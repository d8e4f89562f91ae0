package io.atende.sso;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.atende.audit.AuditTrail;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorSignIn;
import io.atende.operator.OperatorView;
import io.atende.operator.PasswordSignInPolicy;
import io.atende.operator.SecondFactor;
import io.atende.operator.SignedInOperator;
import io.atende.platform.Actor;
import io.atende.platform.Emails;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single sign-on with OpenID Connect, configured per account: its settings, "test connection", and the rule that
 * turns an identity the account's provider verified into a signed-in operator of the account, or refuses it. Spring
 * Security checks the provider's answer itself (state, the ID token's signature, issuer, audience, expiry and nonce)
 * before {@link #signIn} is asked.
 */
@Service
public class SingleSignOn implements PasswordSignInPolicy {

    static final String CACHE_TOPIC = "sso-registration";
    static final int MAX_DOMAINS = 50;
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private final SsoRepository repository;
    private final SsoRegistrations registrations;
    private final ProviderDiscovery discovery;
    private final OperatorSignIn operatorSignIn;
    private final OperatorManagement operators;
    private final DepartmentManagement departments;
    private final AuditTrail audit;
    private final Clock clock;

    SingleSignOn(SsoRepository repository, SsoRegistrations registrations, ProviderDiscovery discovery, OperatorSignIn operatorSignIn,
                 OperatorManagement operators, DepartmentManagement departments, AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.registrations = registrations;
        this.discovery = discovery;
        this.operatorSignIn = operatorSignIn;
        this.operators = operators;
        this.departments = departments;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's single sign-on, if it was ever configured (turned on or not). */
    @Transactional(readOnly = true)
    public Optional<SsoSettings> settings(String accountId) {
        return repository.find(accountId);
    }

    /** What the account's sign-in page offers, when its single sign-on is on. */
    @Transactional(readOnly = true)
    public Optional<SignInOffer> offer(String accountId) {
        if (accountId == null || accountId.isBlank() || accountId.length() > 32) {
            return Optional.empty();
        }
        return repository.find(accountId).filter(SsoSettings::enabled)
                .map(settings -> new SignInOffer(accountId, settings.providerName(), settings.passwordSignIn()));
    }

    /**
     * Whether the operator may sign in to the account with a password: unless the account's single sign-on is on and
     * keeps passwords for admins alone. Admins always may: it is the way back in when the provider is down or
     * misconfigured (break glass).
     */
    @Override
    public boolean allowsPassword(String accountId, OperatorView operator) {
        return operator.may(io.atende.operator.Permission.ADMINISTER_ACCOUNT) || repository.find(accountId).map(s -> !s.enabled() || s.passwordSignIn()).orElse(true);
    }

    /**
     * Sets the account's single sign-on. When it is turned on, the issuer's discovery document is read first, so that
     * a sign-in button never leads to a provider the server cannot use.
     *
     * @throws InvalidInputException naming the field at fault ({@code provider_name}, {@code issuer}, {@code client_id},
     *                               {@code client_secret}, {@code allowed_domains}, {@code new_operator_departments})
     */
    @Transactional
    public SsoSettings configure(String accountId, ConfigureSso command) {
        var before = repository.find(accountId);
        String providerName = Inputs.requiredText("provider_name", command.providerName(), 60);
        String issuer = issuer(command.issuer());
        String clientId = Inputs.requiredText("client_id", command.clientId(), 255);
        String secret = command.clientSecret() == null || command.clientSecret().isBlank() ? null
                : Inputs.optionalText("client_secret", command.clientSecret(), 2000);
        boolean secretKept = before.map(SsoSettings::clientSecretSet).orElse(false);
        if (secret == null && !secretKept) {
            throw new InvalidInputException("client_secret", "parameter.required");
        }
        List<String> domains = domains(command.allowedDomains());
        var role = command.newOperatorRole() == null ? OperatorRole.OPERATOR : command.newOperatorRole();
        List<String> departmentIds = departmentIds(accountId, command.newOperatorDepartmentIds());
        var settings = new ConfigureSso(command.enabled(), providerName, issuer, clientId, null, domains, command.createOperators(), role,
                departmentIds, command.passwordSignIn(), command.trustProviderSecondFactor());
        if (settings.enabled()) {
            discovery.discover(issuer, accountId, clientId, secret != null ? secret : repository.clientSecret(accountId).orElse(null));
        }
        repository.save(accountId, settings, clock.instant());
        if (secret != null) {
            repository.storeClientSecret(accountId, secret);
        }
        registrations.changed(accountId);
        var after = repository.find(accountId).orElseThrow();
        audit.record(accountId, before.isPresent() ? "sso.updated" : "sso.configured", "sso", accountId,
                before.map(SingleSignOn::audited).orElse(null), withSecretChange(audited(after), secret != null));
        return after;
    }

    /**
     * Reads the issuer's discovery document, as a sign-in would.
     *
     * @throws InvalidInputException ({@code issuer}) when it cannot be read, names another issuer, or lies on an address
     *                               the server may not reach
     */
    public ProviderMetadata testConnection(String issuer) {
        return discovery.metadata(issuer(issuer));
    }

    /**
     * The operator of the account the provider's verified identity belongs to: found by e-mail address within the
     * account, or created (when the account creates operators, with its role and departments). Nobody is signed in
     * whose address is not verified, whose domain the account does not allow, who is unknown when the account creates
     * nobody, or who is deactivated. The operator's second factor is still asked for unless the account trusts the
     * provider's own ({@link SsoSettings#trustProviderSecondFactor()}).
     *
     * @throws SsoRefusedException saying why, recorded in the account's audit log
     */
    @Transactional
    public SignedInOperator signIn(String accountId, ProviderIdentity identity) {
        var settings = repository.find(accountId).filter(SsoSettings::enabled)
                .orElseThrow(() -> new SsoRefusedException(SsoRefusal.NOT_CONFIGURED));
        String email = identity.email() == null ? null : identity.email().strip();
        if (email == null || !Emails.isValid(email)) {
            throw refused(accountId, SsoRefusal.EMAIL_MISSING, identity);
        }
        if (Boolean.FALSE.equals(identity.emailVerified())) {
            throw refused(accountId, SsoRefusal.EMAIL_UNVERIFIED, identity);
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!settings.allowedDomains().contains(domain)) {
            throw refused(accountId, SsoRefusal.DOMAIN_NOT_ALLOWED, identity);
        }
        var found = operatorSignIn.byEmail(accountId, email);
        if (found.isEmpty()) {
            if (!settings.createOperators()) {
                throw refused(accountId, SsoRefusal.UNKNOWN_OPERATOR, identity);
            }
            found = Optional.of(create(accountId, settings, email, identity));
        }
        var signedIn = found.get();
        var operator = signedIn.operator();
        if (!operator.active()) {
            throw refused(accountId, SsoRefusal.DEACTIVATED, identity);
        }
        var secondFactor = settings.trustProviderSecondFactor() ? SecondFactor.NONE : signedIn.secondFactor();
        audit.recordApart(accountId, Actor.operator(operator.id(), operator.name()),
                secondFactor == SecondFactor.NONE ? "sign_in.succeeded" : "sign_in.provider_verified", "operator", operator.id(), null,
                Map.of("area", "console", "method", "sso", "email", operator.email(), "issuer", settings.issuer()));
        return new SignedInOperator(accountId, operator, signedIn.credentialsVersion(), secondFactor);
    }

    private SignedInOperator create(String accountId, SsoSettings settings, String email, ProviderIdentity identity) {
        String name = identity.name() == null || identity.name().isBlank() ? email.substring(0, email.indexOf('@')) : identity.name().strip();
        // No password: this operator signs in through the provider until an admin gives them one.
        var created = operators.create(accountId, new CreateOperator(name.length() > 250 ? name.substring(0, 250) : name, email, null,
                settings.newOperatorRole(), true));
        // Departments deleted since the settings were saved are left out.
        var existing = departments.listDepartments(accountId).stream().map(DepartmentView::id).toList();
        settings.newOperatorDepartmentIds().stream().filter(existing::contains)
                .forEach(departmentId -> departments.addOperator(accountId, departmentId, created.id()));
        return operatorSignIn.current(accountId, created.id()).orElseThrow();
    }

    private SsoRefusedException refused(String accountId, SsoRefusal reason, ProviderIdentity identity) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("area", "console");
        fields.put("method", "sso");
        fields.put("reason", reason.name().toLowerCase(Locale.ROOT));
        fields.put("email", identity.email() == null ? "" : identity.email());
        fields.put("subject", identity.subject() == null ? "" : identity.subject());
        audit.recordApart(accountId, Actor.SYSTEM, "sign_in.failed", "sso", accountId, null, fields);
        return new SsoRefusedException(reason);
    }

    private String issuer(String value) {
        String issuer = Inputs.requiredText("issuer", value, 500);
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInputException("issuer", "sso.issuer_invalid");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) && discovery.allowsInternal();
        if ((!https && !http) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidInputException("issuer", "sso.issuer_invalid");
        }
        return issuer;
    }

    private static List<String> domains(List<String> given) {
        var domains = new LinkedHashSet<String>();
        for (String domain : given == null ? List.<String>of() : given) {
            String cleaned = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
            if (cleaned.startsWith("@")) {
                cleaned = cleaned.substring(1);
            }
            if (cleaned.isEmpty()) {
                continue;
            }
            if (!DOMAIN.matcher(cleaned).matches()) {
                throw new InvalidInputException("allowed_domains", "sso.domain_invalid", cleaned);
            }
            domains.add(cleaned);
        }
        if (domains.isEmpty()) {
            throw new InvalidInputException("allowed_domains", "parameter.required");
        }
        if (domains.size() > MAX_DOMAINS) {
            throw new InvalidInputException("allowed_domains", "sso.too_many_domains", MAX_DOMAINS);
        }
        return List.copyOf(domains);
    }

    private List<String> departmentIds(String accountId, List<String> given) {
        var existing = departments.listDepartments(accountId).stream().map(DepartmentView::id).toList();
        var ids = new ArrayList<String>();
        for (String id : given == null ? List.<String>of() : given) {
            if (id == null || id.isBlank() || ids.contains(id)) {
                continue;
            }
            if (!existing.contains(id)) {
                throw new InvalidInputException("new_operator_departments", "sso.department_unknown", id);
            }
            ids.add(id);
        }
        return ids;
    }

    private static Map<String, Object> audited(SsoSettings settings) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("enabled", settings.enabled());
        fields.put("provider_name", settings.providerName());
        fields.put("issuer", settings.issuer());
        fields.put("client_id", settings.clientId());
        fields.put("allowed_domains", settings.allowedDomains());
        fields.put("create_operators", settings.createOperators());
        fields.put("new_operator_role", settings.newOperatorRole().name().toLowerCase(Locale.ROOT));
        fields.put("new_operator_departments", settings.newOperatorDepartmentIds());
        fields.put("sign_in_without_provider", settings.passwordSignIn());
        fields.put("trust_provider_second_factor", settings.trustProviderSecondFactor());
        return fields;
    }

    private static Map<String, Object> withSecretChange(Map<String, Object> fields, boolean changed) {
        fields.put("client_secret_changed", changed);
        return fields;
    }
}
