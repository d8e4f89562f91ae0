package io.atende.portal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalCustomer;
import io.atende.customeraccess.SignedInCustomer;
import io.atende.platform.SignInFailure;
import io.atende.platform.SignInRefusedException;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Checks the portal's sign-in form (the account, from the form's hidden {@code account} field, and
 * the client's address come as the attempt's {@link Details}) and makes the session's identity. Not a bean: Spring Security
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
        var details = attempt.getDetails() instanceof Details given ? given : new Details(null, null);
        String accountId = details.account() != null && !details.account().isBlank() ? details.account() : null;
        String password = attempt.getCredentials() == null ? null : attempt.getCredentials().toString();
        try {
            var signedIn = access.signIn(accountId, attempt.getName(), password, details.clientAddress());
            return new SignedIn(signedIn.customer(), signedIn.credentialsVersion());
        } catch (SignInRefusedException refused) {
            if (refused.throttled()) {
                throw new SignInFailure.TooManyAttempts(refused.retryAfter());
            }
            throw new BadCredentialsException("bad credentials");
        }
    }

    /** What the sign-in form says besides e-mail and password: the account, and where the attempt comes from. */
    record Details(String account, String clientAddress) implements java.io.Serializable {

        static Details of(HttpServletRequest request) {
            return new Details(request.getParameter("account"), request.getRemoteAddr());
        }
    }

    /**
     * Signs the customer in to this session (after setting their password from a link), or keeps the
     * session signed in with the new credentials version; the customer's other sessions end.
     */
    static void signInHere(HttpServletRequest request, SignedInCustomer customer) {
        var contexts = SecurityContextHolder.getContextHolderStrategy();
        var context = contexts.createEmptyContext();
        context.setAuthentication(new SignedIn(customer.customer(), customer.credentialsVersion()));
        contexts.setContext(context);
        // A new session id, as at any sign-in, so that a session id known before cannot be used after.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        request.getSession().setAttribute(PortalSecurityConfiguration.CONTEXT_ATTRIBUTE, context);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * The authentication kept in the session: the customer, never the password, and how many times
     * their password had been set when this session signed in (a later change ends it).
     */
    static final class SignedIn extends AbstractAuthenticationToken {

        private final PortalCustomer customer;
        private final int credentialsVersion;

        SignedIn(PortalCustomer customer, int credentialsVersion) {
            super(List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
            this.customer = customer;
            this.credentialsVersion = credentialsVersion;
            setAuthenticated(true);
        }

        int credentialsVersion() {
            return credentialsVersion;
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
