package io.atende.api.v2;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.account.AccountManagement;
import io.atende.account.Caller;
import io.atende.account.IssueToken;
import io.atende.account.IssuedToken;
import io.atende.account.TokenScope;
import io.atende.account.TokenView;
import io.atende.api.v2.RateLimits.RateLimitWire;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class TokenApiV2Controller {

    private static final List<String> SCOPES = List.of("read", "write", "admin");

    private final AccountManagement accounts;
    private final ApiMessages messages;

    TokenApiV2Controller(AccountManagement accounts, ApiMessages messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    /** A token as listed: its hint (first characters) but never the secret or its hash. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenWire(String id, String name, String scope, String hint, List<String> allowedIps, RateLimitWire rateLimit,
                     String creationDate, String lastUseDate, boolean revoked, String revocationDate, List<String> departmentIds) {

        static TokenWire of(TokenView token, ZoneId zone) {
            return new TokenWire(token.id(), token.name(), token.scope().wireName(), token.hint(), token.allowedIps(),
                    RateLimitWire.of(token.rateLimit()), ApiDates.format(token.createdAt(), zone),
                    ApiDates.format(token.lastUsedAt(), zone), token.revoked(), ApiDates.format(token.revokedAt(), zone),
                    token.departmentIds());
        }
    }

    /** A token just issued, with its secret in {@code token}: the one time it is ever shown. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IssuedTokenWire(String id, String name, String scope, String hint, List<String> allowedIps, RateLimitWire rateLimit,
                           String creationDate, String token, List<String> departmentIds) {

        static IssuedTokenWire of(IssuedToken issued, ZoneId zone) {
            var token = issued.token();
            return new IssuedTokenWire(token.id(), token.name(), token.scope().wireName(), token.hint(), token.allowedIps(),
                    RateLimitWire.of(token.rateLimit()), ApiDates.format(token.createdAt(), zone), issued.secret(),
                    token.departmentIds());
        }
    }

    @PostMapping("/token/new")
    @ApiEndpoint(access = Access.ADMIN, tag = "Tokens", extension = true, withinDepartments = true,
            summary = "Issue an API token of the account; its secret is in data.token, shown this once and never again",
            params = {@Param(name = "name", required = true, description = "What the token is for; at most 250 characters"),
                    @Param(name = "scope", required = true, description = "read (GET only), write (also create and modify) or admin (also manage)"),
                    @Param(name = "allowed_ips", type = "csv", description = "IP addresses or CIDR ranges the token may be used from; empty means anywhere"),
                    @Param(name = "rate_limit_per_second", type = "integer", description = "With rate_limit_burst: this token's own limit instead of the account's"),
                    @Param(name = "rate_limit_burst", type = "integer", description = "With rate_limit_per_second"),
                    @Param(name = "department_ids", type = "csv", description = "Department ids: the token sees only these "
                            + "departments' tickets and chats (lists, details, searches, counts, reports); empty means every department")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        String name = params.requiredText("name", 250);
        var scope = params.oneOf("scope", SCOPES).map(wire -> TokenScope.valueOf(wire.toUpperCase(Locale.ROOT)))
                .orElseThrow(() -> new InvalidInputException("scope", "parameter.required"));
        var departmentIds = params.csv("department_ids");
        if (!caller.visibility().all()) {
            // A limited token issues only tokens as limited: by default to its own departments, never beyond them.
            if (departmentIds.isEmpty()) {
                departmentIds = List.copyOf(caller.visibility().departmentIds());
            }
            departmentIds.stream().filter(id -> !caller.visibility().sees(id)).findFirst().ifPresent(id -> {
                throw new InvalidInputException("department_ids", "department.unknown", id);
            });
        }
        var issued = accounts.issueToken(caller.accountId(), new IssueToken(name, scope, params.csv("allowed_ips"), RateLimits.read(params),
                departmentIds));
        return Envelope.created(messages.get("token.created"), IssuedTokenWire.of(issued, caller.timeZone()),
                Map.of("id", issued.token().id()));
    }

    @GetMapping("/token/list")
    @ApiEndpoint(access = Access.ADMIN, tag = "Tokens", extension = true, withinDepartments = true,
            summary = "List the account's tokens, revoked ones included, oldest first; never their secrets. A token limited to departments lists only those limited within its departments",
            params = @Param(name = "page", type = "integer", description = "Page number, 50 items per page"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        // A token limited to departments lists only the tokens limited within its departments.
        var page = accounts.listTokens(caller.accountId(), caller.visibility(), PageRequest.of(params.page()));
        return Envelope.page(messages.get("ok"), page, token -> TokenWire.of(token, caller.timeZone()));
    }

    @PostMapping("/token/revoke")
    @ApiEndpoint(access = Access.ADMIN, tag = "Tokens", extension = true, withinDepartments = true,
            summary = "Revoke a token at once (later requests with it get 401); 409 if already revoked or if it is the "
                    + "account's last active admin token",
            params = @Param(name = "token_id", required = true))
    Map<String, Object> revoke(Caller caller, ApiParams params) {
        var token = accounts.revokeToken(caller.accountId(), params.required("token_id"), caller.visibility());
        return Envelope.ok(messages.get("token.revoked"), TokenWire.of(token, caller.timeZone()));
    }
}
