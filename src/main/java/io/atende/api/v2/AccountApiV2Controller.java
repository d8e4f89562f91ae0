package io.atende.api.v2;

import java.util.Map;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.account.Caller;
import io.atende.account.UpdateAccount;
import io.atende.api.v2.RateLimits.RateLimitWire;
import io.atende.api.v2.TokenApiV2Controller.IssuedTokenWire;
import io.atende.platform.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

/**
 * The caller's own account, and (with the installation's platform token only) the accounts of the
 * installation: how one server hosts several companies' help desks.
 */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class AccountApiV2Controller {

    private final AccountManagement accounts;
    private final ApiMessages messages;

    AccountApiV2Controller(AccountManagement accounts, ApiMessages messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    /**
     * An account; {@code rate_limit} is the default of its tokens that set none of their own,
     * {@code accent_color} brands its knowledge base ({@code null}: the default colour).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AccountWire(String id, String name, String timeZone, RateLimitWire rateLimit, String accentColor, String creationDate) {

        static AccountWire of(AccountView account) {
            return new AccountWire(account.id(), account.name(), account.timeZone().getId(), RateLimitWire.of(account.rateLimit()),
                    account.accentColor(), ApiDates.format(account.createdAt(), account.timeZone()));
        }
    }

    /** A new account with its first admin token, whose secret is in {@code admin_token.token} this once. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedAccountWire(String id, String name, String timeZone, RateLimitWire rateLimit, String creationDate,
                              IssuedTokenWire adminToken) {
    }

    @GetMapping("/account/details")
    @ApiEndpoint(access = Access.READ, tag = "Account", extension = true,
            summary = "The token's own account: id, name, time zone and the default rate limit of its tokens")
    Map<String, Object> details(Caller caller, ApiParams params) {
        return Envelope.ok(messages.get("ok"), AccountWire.of(accounts.get(caller.accountId())));
    }

    @PostMapping("/account/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "Account", extension = true,
            summary = "Rename the account, move it to another time zone, change its tokens' default rate limit or its accent colour; omitted ones keep their value",
            params = {@Param(name = "name", description = "At most 250 characters"),
                    @Param(name = "time_zone", description = "An IANA time zone such as America/Sao_Paulo; dates are shown in it"),
                    @Param(name = "rate_limit_per_second", type = "integer", description = "With rate_limit_burst"),
                    @Param(name = "rate_limit_burst", type = "integer", description = "With rate_limit_per_second"),
                    @Param(name = "accent_color", description = "[ext] #rrggbb: the colour of the account's public knowledge base")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        var command = new UpdateAccount(params.has("name") ? params.requiredText("name", 250) : null,
                params.has("time_zone") ? params.required("time_zone") : null, RateLimits.read(params),
                params.has("accent_color") ? params.required("accent_color") : null);
        return Envelope.ok(messages.get("account.updated"), AccountWire.of(accounts.update(caller.accountId(), command)));
    }

    @PostMapping("/account/new")
    @ApiEndpoint(access = Access.PLATFORM, tag = "Account", extension = true,
            summary = "Create an account (a tenant) with its first admin token, whose secret is in data.admin_token.token "
                    + "this once. Platform token only",
            params = {@Param(name = "name", required = true, description = "At most 250 characters"),
                    @Param(name = "time_zone", description = "An IANA time zone; the installation's default (America/Sao_Paulo) when omitted")})
    Map<String, Object> create(ApiParams params) {
        var created = accounts.createAccount(params.requiredText("name", 250), params.has("time_zone") ? params.required("time_zone") : null);
        var account = AccountWire.of(created.account());
        var data = new CreatedAccountWire(account.id(), account.name(), account.timeZone(), account.rateLimit(), account.creationDate(),
                IssuedTokenWire.of(created.adminToken(), created.account().timeZone()));
        return Envelope.created(messages.get("account.created"), data, Map.of("id", account.id()));
    }

    @GetMapping("/account/list")
    @ApiEndpoint(access = Access.PLATFORM, tag = "Account", extension = true,
            summary = "List the installation's accounts, oldest first. Platform token only",
            params = @Param(name = "page", type = "integer", description = "Page number, 50 items per page"))
    Map<String, Object> list(ApiParams params) {
        var page = accounts.list(PageRequest.of(params.page()));
        return Envelope.page(messages.get("ok"), page, AccountWire::of);
    }
}
