package io.atende.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.atende.audit.AuditTrail;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentVisibility;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.RateLimit;
import io.atende.platform.RuleViolationException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts (tenants) and their API tokens: issuing, revoking and recognizing them. */
@Service
public class AccountManagement {

    /** The highest sustained rate or burst an account or token may be given. */
    public static final int MAX_RATE_LIMIT = 100_000;
    /** The console languages an account may choose for its operators, as language tags. */
    public static final Set<String> CONSOLE_LANGUAGES = Set.of("pt-BR", "en", "es");
    /** The console language of a new account. */
    public static final String DEFAULT_CONSOLE_LANGUAGE = "pt-BR";
    static final String TOKEN_PREFIX = "atd_";
    static final int MAX_ALLOWED_IPS_LENGTH = 2000;
    /** The most departments a token may be limited to (their ids fit the column). */
    static final int MAX_TOKEN_DEPARTMENTS = 100;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final Pattern IP_RANGE = Pattern.compile("([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)(/[0-9]{1,3})?");
    private static final Pattern ACCENT_COLOR = Pattern.compile("#[0-9a-f]{6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository repository;
    private final AccountSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final VerifiedTokens verifiedTokens;
    private final AuditTrail audit;
    private final DepartmentManagement departments;

    AccountManagement(AccountRepository repository, AccountSettings settings, ApplicationEventPublisher events, Clock clock,
                      VerifiedTokens verifiedTokens, AuditTrail audit, DepartmentManagement departments) {
        this.audit = audit;
        this.departments = departments;
        this.repository = repository;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.verifiedTokens = verifiedTokens;
    }

    /** Creates a tenant with its first admin token, whose secret is returned this once. */
    @Transactional
    public CreatedAccount createAccount(String name, String timeZone) {
        var row = openAccount(name, timeZone == null ? settings.bootstrap().timeZone() : timeZone);
        var token = issueToken(row.id(), new IssueToken("First admin token", TokenScope.ADMIN, List.of(), null));
        return new CreatedAccount(view(row), token);
    }

    AccountRow openAccount(String name, String timeZone) {
        var now = clock.instant();
        var row = new AccountRow(Ids.newId(), Inputs.requiredText("name", name, 250), zone(timeZone).getId(), null, null, null,
                DEFAULT_CONSOLE_LANGUAGE, now, now);
        repository.insertAccount(row);
        events.publishEvent(new AccountCreated(row.id()));
        return row;
    }

    /** What the audit log keeps of a token: never its secret nor the hint, which is the secret's beginning. */
    private static Map<String, Object> audited(TokenRow token) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", token.name());
        fields.put("scope", token.scope());
        fields.put("allowed_ips", token.allowedIpList());
        fields.put("rate_limit_per_second", token.rateLimitPerSecond());
        fields.put("rate_limit_burst", token.rateLimitBurst());
        fields.put("department_ids", token.departmentIdList());
        fields.put("revoked", token.revokedAt() != null);
        return fields;
    }

    private static Map<String, Object> audited(AccountRow account) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", account.name());
        fields.put("time_zone", account.timeZone());
        fields.put("rate_limit_per_second", account.rateLimitPerSecond());
        fields.put("rate_limit_burst", account.rateLimitBurst());
        fields.put("accent_color", account.accentColor());
        fields.put("console_language", account.consoleLanguage());
        return fields;
    }

    /** The account, or not found. */
    @Transactional(readOnly = true)
    public AccountView get(String accountId) {
        return repository.findAccount(accountId).map(this::view)
                .orElseThrow(() -> new NotFoundException("account.not_found", accountId));
    }

    /** Every account of the installation, oldest first. */
    @Transactional(readOnly = true)
    public Page<AccountView> list(PageRequest page) {
        return repository.listAccounts(page).map(this::view);
    }

    /**
     * Renames the account, moves it to another time zone, changes its default rate limit, its accent
     * colour or the console language of its operators who chose none (one of {@link #CONSOLE_LANGUAGES}).
     * invalid for any bad value, and then nothing changes.
     */
    @Transactional
    public AccountView update(String accountId, UpdateAccount command) {
        var current = repository.findAccount(accountId)
                .orElseThrow(() -> new NotFoundException("account.not_found", accountId));
        var limit = requireSupportedLimit(command.rateLimit());
        var changed = new AccountRow(current.id(),
                command.name() == null ? current.name() : Inputs.requiredText("name", command.name(), 250),
                command.timeZone() == null ? current.timeZone() : zone(command.timeZone()).getId(),
                limit == null ? current.rateLimitPerSecond() : Integer.valueOf(limit.perSecond()),
                limit == null ? current.rateLimitBurst() : Integer.valueOf(limit.burst()),
                command.accentColor() == null ? current.accentColor() : accentColor(command.accentColor()),
                command.consoleLanguage() == null ? current.consoleLanguage() : consoleLanguage(command.consoleLanguage()),
                current.createdAt(), clock.instant());
        // The time zone and the default rate limit are part of every cached caller of the account.
        verifiedTokens.forgetAll();
        repository.updateAccount(changed);
        audit.record(accountId, "settings.updated", "account", accountId, audited(current), audited(changed));
        if (!changed.timeZone().equals(current.timeZone())) {
            events.publishEvent(new AccountTimeZoneChanged(accountId, ZoneId.of(current.timeZone()), ZoneId.of(changed.timeZone())));
        }
        return view(changed);
    }

    /**
     * Whether ticket replies and finishes made through TomTicket's API send e-mail notifications
     * (off by default: TomTicket's API sends none); not found for an unknown account.
     */
    @Transactional(readOnly = true)
    public boolean mailsForApiChanges(String accountId) {
        return repository.mailForApiChanges(accountId).orElseThrow(() -> new NotFoundException("account.not_found", accountId));
    }

    /** Switches e-mail notifications for changes made through TomTicket's API on or off; not found for an unknown account. */
    @Transactional
    public void sendMailsForApiChanges(String accountId, boolean enabled) {
        boolean before = mailsForApiChanges(accountId);
        if (!repository.setMailForApiChanges(accountId, enabled, clock.instant())) {
            throw new NotFoundException("account.not_found", accountId);
        }
        audit.record(accountId, "settings.updated", "account", accountId, Map.of("mail_for_api_changes", before),
                Map.of("mail_for_api_changes", enabled));
    }

    /** Issues a token with a fresh random secret, returned this once and stored only as a hash. */
    @Transactional
    public IssuedToken issueToken(String accountId, IssueToken command) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return issueToken(accountId, command, TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** Issues a token whose secret the caller chose (first-start scripts fix it in advance). */
    IssuedToken issueToken(String accountId, IssueToken command, String secret) {
        repository.findAccount(accountId).orElseThrow(() -> new NotFoundException("account.not_found", accountId));
        if (command.name() == null || command.name().isBlank()) {
            throw new InvalidInputException("name", "parameter.required");
        }
        if (command.name().strip().length() > 250) {
            throw new InvalidInputException("name", "parameter.too_long", 250);
        }
        if (command.scope() == null) {
            throw new InvalidInputException("scope", "parameter.required");
        }
        var allowedIps = allowedIps(command.allowedIps());
        var limit = requireSupportedLimit(command.rateLimit());
        var departmentIds = departmentIds(accountId, command.departmentIds());
        var row = new TokenRow(accountId, Ids.newId(), command.name().strip(), command.scope(), hint(secret),
                allowedIps.isEmpty() ? null : String.join(",", allowedIps),
                limit == null ? null : limit.perSecond(), limit == null ? null : limit.burst(),
                clock.instant(), null, null, departmentIds.isEmpty() ? null : String.join(",", departmentIds));
        try {
            repository.insertToken(row, hash(secret));
        } catch (org.springframework.dao.DuplicateKeyException sameSecret) {
            throw new RuleViolationException("token.secret_taken");
        }
        audit.record(accountId, "token.issued", "token", row.id(), null, audited(row));
        return new IssuedToken(row.view(), secret);
    }

    /** The departments a token is to be limited to, without repeats, each one of the account's (invalid input otherwise). */
    private List<String> departmentIds(String accountId, List<String> requested) {
        var ids = new java.util.LinkedHashSet<String>();
        for (String id : requested) {
            if (id != null && !id.isBlank()) {
                ids.add(id.strip());
            }
        }
        if (ids.size() > MAX_TOKEN_DEPARTMENTS) {
            throw new InvalidInputException("department_ids", "parameter.too_many", MAX_TOKEN_DEPARTMENTS);
        }
        departments.visibilityOfDepartments(accountId, ids, "department_ids");
        return List.copyOf(ids);
    }

    /** The account's tokens, revoked ones included, oldest first. */
    @Transactional(readOnly = true)
    public Page<TokenView> listTokens(String accountId, PageRequest page) {
        return repository.listTokens(accountId, page).map(TokenRow::view);
    }

    /**
     * The tokens someone limited to these departments may see and revoke: those limited to some of them and to no
     * other; every token when {@code limit} is all departments. An account holds few tokens, so they are filtered here.
     */
    @Transactional(readOnly = true)
    public Page<TokenView> listTokens(String accountId, DepartmentVisibility limit, PageRequest page) {
        if (limit.all()) {
            return listTokens(accountId, page);
        }
        var within = repository.allTokens(accountId).stream().map(TokenRow::view).filter(token -> within(token, limit)).toList();
        int from = (int) Math.min(page.offset(), within.size());
        return new Page<>(within.subList(from, Math.min(from + page.size(), within.size())), within.size(), page);
    }

    /** Revokes a token as {@link #revokeToken(String, String)}, not found when it reaches beyond {@code limit}. */
    @Transactional
    public TokenView revokeToken(String accountId, String tokenId, DepartmentVisibility limit) {
        if (!limit.all() && repository.findToken(accountId, tokenId).map(TokenRow::view).filter(token -> within(token, limit)).isEmpty()) {
            throw new NotFoundException("token.not_found", tokenId);
        }
        return revokeToken(accountId, tokenId);
    }

    private static boolean within(TokenView token, DepartmentVisibility limit) {
        return !token.departmentIds().isEmpty() && token.departmentIds().stream().allMatch(limit::sees);
    }

    /**
     * Revokes a token at once; later requests with it are refused as unauthenticated. Not found if unknown; refused if it already
     * was revoked, or if it is the account's last live admin token (nobody could manage the
     * account any more: issue another admin token first).
     */
    @Transactional
    public TokenView revokeToken(String accountId, String tokenId) {
        repository.lockAccount(accountId);
        var token = repository.findToken(accountId, tokenId)
                .orElseThrow(() -> new NotFoundException("token.not_found", tokenId));
        if (token.revokedAt() != null) {
            throw new RuleViolationException("token.already_revoked");
        }
        if (token.scope() == TokenScope.ADMIN && repository.countLiveTokens(accountId, TokenScope.ADMIN) <= 1) {
            throw new RuleViolationException("token.last_admin");
        }
        verifiedTokens.forgetAll();
        repository.revokeToken(accountId, tokenId, clock.instant());
        var revoked = repository.findToken(accountId, tokenId).orElseThrow();
        audit.record(accountId, "token.revoked", "token", tokenId, audited(token), audited(revoked));
        return revoked.view();
    }

    /**
     * The caller a presented secret belongs to, if it is a live token. A token revoked on this node is
     * refused at once; one revoked on another node within {@link VerifiedTokens#LIFETIME}.
     */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String tokenHash = hash(secret);
        var verified = verifiedTokens.find(tokenHash);
        if (verified == null) {
            long readAt = verifiedTokens.generation();
            var found = repository.findActiveTokenByHash(tokenHash).flatMap(token -> repository.findAccount(token.accountId())
                    .map(account -> new VerifiedTokens.Verified(new Caller(account.id(), token.id(), token.scope(),
                            ZoneId.of(account.timeZone()), token.allowedIpList(), effectiveLimit(account, token), token.name(),
                            token.visibility()),
                            new AtomicReference<>(token.lastUsedAt()))));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            verified = found.get();
            verifiedTokens.remember(tokenHash, verified, readAt);
        }
        markUsed(verified);
        return Optional.of(verified.caller());
    }

    // last_used_at has a resolution of LAST_USED_RESOLUTION: at most one write per token and period on each node.
    private void markUsed(VerifiedTokens.Verified verified) {
        var now = clock.instant();
        var last = verified.lastUsedAt().get();
        if ((last == null || last.plus(LAST_USED_RESOLUTION).isBefore(now)) && verified.lastUsedAt().compareAndSet(last, now)) {
            repository.touchToken(verified.caller().accountId(), verified.caller().tokenId(), now);
        }
    }

    /** Whether the secret is the installation's platform token (constant-time; false when none is set). */
    public boolean isPlatformToken(String secret) {
        String platformToken = settings.platformToken();
        if (platformToken == null || platformToken.isBlank() || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(platformToken).getBytes(StandardCharsets.US_ASCII),
                hash(secret).getBytes(StandardCharsets.US_ASCII));
    }

    private RateLimit effectiveLimit(AccountRow account, TokenRow token) {
        if (token.rateLimitPerSecond() != null) {
            return new RateLimit(token.rateLimitPerSecond(), token.rateLimitBurst());
        }
        if (account.rateLimitPerSecond() != null) {
            return new RateLimit(account.rateLimitPerSecond(), account.rateLimitBurst());
        }
        return defaultLimit();
    }

    private RateLimit defaultLimit() {
        return new RateLimit(settings.rateLimit().perSecond(), settings.rateLimit().burst());
    }

    private AccountView view(AccountRow row) {
        var limit = row.rateLimitPerSecond() == null ? defaultLimit() : new RateLimit(row.rateLimitPerSecond(), row.rateLimitBurst());
        return new AccountView(row.id(), row.name(), ZoneId.of(row.timeZone()), limit, row.accentColor(), row.createdAt(),
                row.consoleLanguage());
    }

    private static ZoneId zone(String timeZone) {
        try {
            if (timeZone != null && timeZone.contains("/") || "UTC".equals(timeZone)) {
                return ZoneId.of(timeZone);
            }
        } catch (DateTimeException unknown) {
            // reported below
        }
        throw new InvalidInputException("time_zone", "parameter.invalid_time_zone");
    }

    private static String accentColor(String color) {
        String clean = color.strip().toLowerCase(Locale.ROOT);
        if (!ACCENT_COLOR.matcher(clean).matches()) {
            throw new InvalidInputException("accent_color", "parameter.invalid_color");
        }
        return clean;
    }

    private static String consoleLanguage(String language) {
        if (!CONSOLE_LANGUAGES.contains(language)) {
            throw new InvalidInputException("console_language", "parameter.not_one_of", String.join(", ", new TreeSet<>(CONSOLE_LANGUAGES)));
        }
        return language;
    }

    private static RateLimit requireSupportedLimit(RateLimit limit) {
        if (limit != null && limit.perSecond() > MAX_RATE_LIMIT) {
            throw new InvalidInputException("rate_limit_per_second", "parameter.out_of_range", 1, MAX_RATE_LIMIT);
        }
        if (limit != null && limit.burst() > MAX_RATE_LIMIT) {
            throw new InvalidInputException("rate_limit_burst", "parameter.out_of_range", 1, MAX_RATE_LIMIT);
        }
        return limit;
    }

    /** The ranges stripped, without blanks or repeats, each an address or CIDR range (invalid otherwise). */
    private static List<String> allowedIps(List<String> given) {
        var ranges = given.stream().map(range -> range == null ? "" : range.strip()).filter(range -> !range.isEmpty())
                .distinct().toList();
        ranges.forEach(AccountManagement::requireIpRange);
        if (String.join(",", ranges).length() > MAX_ALLOWED_IPS_LENGTH) {
            throw new InvalidInputException("allowed_ips", "parameter.too_long", MAX_ALLOWED_IPS_LENGTH);
        }
        return ranges;
    }

    private static void requireIpRange(String range) {
        boolean valid = IP_RANGE.matcher(range).matches() && octetsInRange(range);
        if (valid) {
            try {
                new IpAddressMatcher(range);
            } catch (IllegalArgumentException malformed) {
                valid = false;
            }
        }
        if (!valid) {
            throw new InvalidInputException("allowed_ips", "parameter.invalid_ip", range);
        }
    }

    // An IPv4 literal with an octet over 255 would otherwise be looked up as a host name.
    private static boolean octetsInRange(String range) {
        if (range.contains(":")) {
            return true;
        }
        String address = range.contains("/") ? range.substring(0, range.indexOf('/')) : range;
        return Arrays.stream(address.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
    }

    private static String hint(String secret) {
        // Enough to tell tokens apart in a list, never enough to matter for a short chosen secret.
        return secret.substring(0, Math.min(8, secret.length() / 4));
    }

    static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
