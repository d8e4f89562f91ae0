package io.atende.console;

import java.util.List;

import io.atende.operator.OperatorSignIn;
import io.atende.operator.SignInRefusedException;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

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
        try {
            var signedIn = signIn.signIn(email, password);
            // The account's language is filled in by CurrentOperatorFilter on the first request.
            return new SignedIn(ConsoleOperator.of(signedIn.accountId(), signedIn.operator(), null));
        } catch (SignInRefusedException refused) {
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

    /** The authentication kept in the session: the operator and their role, never the password. */
    static final class SignedIn extends AbstractAuthenticationToken {

        private final ConsoleOperator operator;

        SignedIn(ConsoleOperator operator) {
            super(authorities(operator));
            this.operator = operator;
            setAuthenticated(true);
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
