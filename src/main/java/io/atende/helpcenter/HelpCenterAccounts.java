package io.atende.helpcenter;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which account's knowledge base the public pages show. {@code /kb} serves, in this order: the
 * account mapped to the request's host name ({@code atende.knowledge.hosts}, e.g.
 * {@code help.acme.com=<account id>,help.other.com=<account id>}), the configured default
 * ({@code atende.knowledge.default-account}), or the installation's oldest account.
 * {@code /accounts/<account id>/kb} serves any account explicitly.
 */
@Component
class HelpCenterAccounts {

    private final AccountManagement accounts;
    private final Map<String, String> hosts;
    private final String defaultAccount;
    private final URI publicUrl;

    HelpCenterAccounts(AccountManagement accounts, @Value("${atende.knowledge.hosts:}") String hosts,
                       @Value("${atende.knowledge.default-account:}") String defaultAccount,
                       @Value("${atende.public-url}") String publicUrl) {
        this.accounts = accounts;
        this.hosts = parse(hosts);
        this.defaultAccount = defaultAccount == null || defaultAccount.isBlank() ? null : defaultAccount.strip();
        this.publicUrl = URI.create(publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl);
    }

    /**
     * Where canonical links start for a page served on this host: a host named in
     * {@code atende.knowledge.hosts}, else {@code atende.public-url}. Never the request's own
     * {@code Host}, which anyone can forge to have search engines and shared links point elsewhere.
     */
    String canonicalBase(String host) {
        String known = host == null ? null : host.toLowerCase(Locale.ROOT);
        if (known != null && hosts.containsKey(known)) {
            return publicUrl.getScheme() + "://" + known;
        }
        return publicUrl.toString();
    }

    /** The account {@code /kb} serves on this host. */
    AccountView forHost(String host) {
        String mapped = hosts.get(host == null ? "" : host.toLowerCase(Locale.ROOT));
        if (mapped != null) {
            return accounts.get(mapped);
        }
        if (defaultAccount != null) {
            return accounts.get(defaultAccount);
        }
        return accounts.list(PageRequest.of(1)).items().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("account.not_found", ""));
    }

    /** The account named in the path, or not found. */
    AccountView named(String accountId) {
        return accounts.get(accountId);
    }

    /** Where the account's pages live on this host: {@code /kb} when that serves it here, else its explicit path. */
    String root(AccountView account, String host) {
        boolean servedAtKb = Optional.ofNullable(hosts.get(host == null ? "" : host.toLowerCase(Locale.ROOT)))
                .or(() -> Optional.ofNullable(defaultAccount))
                .map(account.id()::equals)
                .orElseGet(() -> isOldest(account));
        return servedAtKb ? "/kb" : "/accounts/" + account.id() + "/kb";
    }

    private boolean isOldest(AccountView account) {
        return accounts.list(PageRequest.of(1)).items().stream().findFirst().map(oldest -> oldest.id().equals(account.id()))
                .orElse(false);
    }

    private static Map<String, String> parse(String hosts) {
        Map<String, String> byHost = new LinkedHashMap<>();
        if (hosts == null) {
            return byHost;
        }
        for (String pair : hosts.split(",")) {
            int equals = pair.indexOf('=');
            if (pair.isBlank()) {
                continue;
            }
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("atende.knowledge.hosts: expected host=account-id, got " + pair.strip());
            }
            byHost.put(pair.substring(0, equals).strip().toLowerCase(Locale.ROOT), pair.substring(equals + 1).strip());
        }
        return byHost;
    }
}
