package io.atende.portal;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks the portal's sign-in form (the account comes as the attempt's details, from the form's
 * hidden {@code account} field) and makes the session's identity. Not a bean: Spring Security
 * would also install a provider bean in the global authentication manager, and a refused attempt
 * would then be checked (and counted) twice.
 */
class CustomerAuthentication implements AuthenticationProvider {

    private final CustomerPortalAccess access;

    CustomerAuthentication(CustomerPortalAccess access) {
        this.access = access;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String accountId = attempt.getDetails() instanceof String account && !account.isBlank() ? account : null;
        String password = attempt.getCredentials() == null ? null : attempt.getCredentials().toString();
        try {
            return new SignedIn(access.signIn(accountId, attempt.getName(), password));
        } catch (PortalSignInRefusedException refused) {
            if (refused.lockedOut()) {
                throw new LockedException("locked until " + refused.lockedUntil());
            }
            throw new BadCredentialsException("bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The authentication kept in the session: the customer, never the password. */
    static final class SignedIn extends AbstractAuthenticationToken {

        private final PortalCustomer customer;

        SignedIn(PortalCustomer customer) {
            super(List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
            this.customer = customer;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public PortalCustomer getPrincipal() {
            return customer;
        }

        @Override
        public String getName() {
            return "customer:" + customer.accountId() + ":" + customer.customerId();
        }
    }
}
