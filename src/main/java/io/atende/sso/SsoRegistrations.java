package io.atende.sso;

import java.util.Optional;

import io.atende.platform.AccountCache;
import io.atende.platform.AccountCaches;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * The client registrations of the accounts, for Spring Security's OAuth2 login: the registration id is the account's
 * id, and the registration is discovered from the account's issuer on first use and kept on the node until the
 * account changes its single sign-on (on any node). An account without single sign-on turned on, or whose issuer
 * cannot be read now, has none; a failed discovery is not kept, so the next sign-in tries again.
 */
@Component
public class SsoRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(SsoRegistrations.class);

    private final AccountCache<Optional<ClientRegistration>> registrations;

    SsoRegistrations(AccountCaches caches, SsoRepository repository, ProviderDiscovery discovery) {
        this.registrations = caches.create(SingleSignOn.CACHE_TOPIC, accountId -> repository.find(accountId)
                .filter(SsoSettings::enabled)
                .map(settings -> discovery.discover(settings.issuer(), accountId, settings.clientId(),
                        repository.clientSecret(accountId).orElse(null))));
    }

    @Override
    public ClientRegistration findByRegistrationId(String accountId) {
        if (accountId == null || accountId.isBlank() || accountId.length() > 32) {
            return null;
        }
        try {
            return registrations.get(accountId).orElse(null);
        } catch (RuntimeException unreachable) {
            log.warn("Single sign-on of account {} is unavailable: {}", accountId, unreachable.getMessage());
            return null;
        }
    }

    /** Forgets the node's registration of the account, so the next sign-in discovers it again. */
    void changed(String accountId) {
        registrations.changed(accountId);
    }
}
