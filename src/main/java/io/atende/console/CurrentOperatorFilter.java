package io.atende.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.operator.OperatorSignIn;
import io.atende.platform.NotFoundException;
import io.atende.platform.RequestLocales;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reloads the signed-in operator on every console request: a deactivated or deleted operator is
 * signed out at once, and so is every other session of one whose password changed; a changed role
 * or name applies at once, and the page speaks the operator's language (theirs, else the account's). Two primary-key reads per request, the operator and the
 * account; the account is kept in the request for the layout ({@link ConsolePages}), which would
 * otherwise read it again for the account's name and colours.
 */
// Not a bean: as a bean, Boot would also register it for every request outside the console chain.
class CurrentOperatorFilter extends OncePerRequestFilter {

    static final String ACCOUNT_ATTRIBUTE = CurrentOperatorFilter.class.getName() + ".account";

    private final OperatorSignIn signIn;
    private final AccountManagement accounts;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    CurrentOperatorFilter(OperatorSignIn signIn, AccountManagement accounts) {
        this.signIn = signIn;
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = contexts.getContext().getAuthentication();
        if (authentication instanceof OperatorAuthentication.SignedIn signedIn) {
            var before = signedIn.getPrincipal();
            var now = current(before, signedIn.credentialsVersion(), request);
            if (now == null) {
                contexts.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                if (!now.equals(before)) {
                    var context = contexts.createEmptyContext();
                    context.setAuthentication(new OperatorAuthentication.SignedIn(now, signedIn.credentialsVersion()));
                    contexts.setContext(context);
                    var session = request.getSession(false);
                    if (session != null) {
                        session.setAttribute(ConsoleSecurityConfiguration.CONTEXT_ATTRIBUTE, context);
                    }
                }
                RequestLocales.use(request, now.locale());
            }
        }
        chain.doFilter(request, response);
    }

    /** Skipped for the sign-in page and the static assets, which need no operator. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/console") || path.startsWith("/console/assets/");
    }

    /** The operator now, or {@code null} when deleted, deactivated or their password changed since this session signed in. */
    private ConsoleOperator current(ConsoleOperator before, int credentialsVersion, HttpServletRequest request) {
        try {
            var signedIn = signIn.current(before.accountId(), before.operatorId()).orElse(null);
            if (signedIn == null || !signedIn.operator().active() || signedIn.credentialsVersion() != credentialsVersion) {
                return null;
            }
            var account = accounts.get(before.accountId());
            request.setAttribute(ACCOUNT_ATTRIBUTE, account);
            return ConsoleOperator.of(before.accountId(), signedIn.operator(), account.consoleLanguage());
        } catch (NotFoundException deleted) {
            return null;
        }
    }
}
