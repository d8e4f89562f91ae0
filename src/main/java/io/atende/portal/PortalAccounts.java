package io.atende.portal;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.platform.Ids;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which account the portal's public pages (sign-in, password, forgot, register) serve: the one
 * named by {@code ?account=}, else {@code atende.portal.default-account}, else the installation's
 * oldest account. Links the portal sends always name their account.
 */
@Component
class PortalAccounts {

    private final AccountManagement accounts;
    private final String defaultAccount;

    PortalAccounts(AccountManagement accounts, @Value("${atende.portal.default-account:}") String defaultAccount) {
        this.accounts = accounts;
        this.defaultAccount = defaultAccount == null ? "" : defaultAccount.strip();
    }

    /** The account named, or the default one; 404 for a name that is no account. */
    AccountView resolve(String accountId) {
        if (accountId != null && !accountId.isBlank()) {
            if (!Ids.isId(accountId.strip())) {
                throw new NotFoundException("account.not_found", accountId);
            }
            return accounts.get(accountId.strip());
        }
        if (!defaultAccount.isEmpty()) {
            return accounts.get(defaultAccount);
        }
        return accounts.list(new PageRequest(1, 1)).items().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("account.not_found", ""));
    }

    AccountView get(String accountId) {
        return accounts.get(accountId);
    }
}
