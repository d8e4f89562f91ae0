package io.atende.portal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.SignedInCustomer;
import io.atende.platform.RequestLocales;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reloads the signed-in customer on every portal request: a deactivated customer is signed out at
 * once, and so is every other session of one whose password was set anew; a changed name, language, organization or permission applies at once, and the page speaks
 * the customer's language.
 */
// Not a bean: as a bean, Boot would also register it for every request outside the portal chain.
class CurrentCustomerFilter extends OncePerRequestFilter {

    private final CustomerPortalAccess access;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    CurrentCustomerFilter(CustomerPortalAccess access) {
        this.access = access;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (contexts.getContext().getAuthentication() instanceof CustomerAuthentication.SignedIn signedIn) {
            var before = signedIn.getPrincipal();
            var now = access.session(before.accountId(), before.customerId())
                    .filter(current -> current.credentialsVersion() == signedIn.credentialsVersion())
                    .map(SignedInCustomer::customer).orElse(null);
            var session = request.getSession(false);
            if (now == null) {
                contexts.clearContext();
                if (session != null) {
                    session.removeAttribute(PortalSecurityConfiguration.CONTEXT_ATTRIBUTE);
                }
            } else {
                if (!now.equals(before)) {
                    var context = contexts.createEmptyContext();
                    context.setAuthentication(new CustomerAuthentication.SignedIn(now, signedIn.credentialsVersion()));
                    contexts.setContext(context);
                    if (session != null) {
                        session.setAttribute(PortalSecurityConfiguration.CONTEXT_ATTRIBUTE, context);
                    }
                }
                RequestLocales.use(request, now.locale());
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/portal") || path.startsWith("/portal/assets/");
    }
}
