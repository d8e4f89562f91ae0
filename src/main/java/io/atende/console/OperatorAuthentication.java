package io.atende.console;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.atende.operator.OperatorSignIn;
import io.atende.platform.SignInFailure;
import io.atende.platform.SignInRefusedException;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the console's sign-in form against the operator module and makes the session's identity.
 * Not a bean: Spring Security would also install a provider bean in the global authentication
 * manager, and a refused attempt would then be checked (and counted) twice.
 */
class OperatorAuthentication implements AuthenticationProvider {

    private final OperatorSignIn signIn;

    OperatorAuthentication(OperatorSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String email = attempt.getName();
        String password = attempt.getCredentials() == null ? null : attempt.getCredentials().toString();
        String clientAddress = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        try {
            var signedIn = signIn.signIn(email, password, clientAddress);
            // The account's language is filled in by CurrentOperatorFilter on the first request.
            return new SignedIn(ConsoleOperator.of(signedIn.accountId(), signedIn.operator(), null), signedIn.credentialsVersion());
        } catch (SignInRefusedException refused) {
            if (refused.throttled()) {
                throw new SignInFailure.TooManyAttempts(refused.retryAfter());
            }
            throw new BadCredentialsException("bad credentials");
        }
    }

    /**
     * Keeps the session that changed the operator's password signed in: its identity takes the new
     * credentials version, while the operator's other sessions, still holding the old one, end.
     */
    static void stayedSignedIn(HttpServletRequest request, int credentialsVersion) {
        var contexts = SecurityContextHolder.getContextHolderStrategy();
        if (contexts.getContext().getAuthentication() instanceof SignedIn signedIn) {
            var context = contexts.createEmptyContext();
            context.setAuthentication(new SignedIn(signedIn.getPrincipal(), credentialsVersion));
            contexts.setContext(context);
            request.getSession().setAttribute(ConsoleSecurityConfiguration.CONTEXT_ATTRIBUTE, context);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * The authentication kept in the session: the operator and their role, never the password, and
     * how many times the password had changed when this session signed in (a later change ends it).
     */
    static final class SignedIn extends AbstractAuthenticationToken {

        private final ConsoleOperator operator;
        private final int credentialsVersion;

        SignedIn(ConsoleOperator operator, int credentialsVersion) {
            super(authorities(operator));
            this.operator = operator;
            this.credentialsVersion = credentialsVersion;
            setAuthenticated(true);
        }

        int credentialsVersion() {
            return credentialsVersion;
        }

        private static List<GrantedAuthority> authorities(ConsoleOperator operator) {
            return operator.admin()
                    ? List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                    : List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"));
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public ConsoleOperator getPrincipal() {
            return operator;
        }

        @Override
        public String getName() {
            return operator.principalName();
        }
    }
}
