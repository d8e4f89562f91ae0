package io.atende.platform;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts a Content-Security-Policy and {@code Referrer-Policy: same-origin} on every answer (pages, API, static files):
 * scripts and style sheets come from this server only; a {@code <script>} or {@code <style>} element written into a
 * page needs the request's nonce, which templates read as {@code ${cspNonce}} ({@code th:nonce="${cspNonce}"}).
 * Style attributes stay allowed (colour previews, editors); they cannot run script. The same policy on JSON and
 * on {@code /widget.js} costs nothing: a policy only governs a document it is the answer for, never the customer's
 * site the widget runs on. Same-origin referrers keep a token in a page's address from reaching another site.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class SecurityHeadersFilter extends OncePerRequestFilter {

    /** The request attribute holding this request's nonce. */
    public static final String NONCE_ATTRIBUTE = "cspNonce";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        setHeaders(request, response);
        chain.doFilter(request, response);
    }

    /** The container's error page renders after a reset answer; it gets the headers again, with the same nonce. */
    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        setHeaders(request, response);
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private static void setHeaders(HttpServletRequest request, HttpServletResponse response) {
        String nonce = request.getAttribute(NONCE_ATTRIBUTE) instanceof String existing ? existing : newNonce();
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        response.setHeader("Content-Security-Policy", policy(nonce));
        response.setHeader("Referrer-Policy", "same-origin");
    }

    static String policy(String nonce) {
        return "default-src 'self'; "
                + "script-src 'self' 'nonce-" + nonce + "'; "
                + "style-src 'self' 'nonce-" + nonce + "'; "
                + "style-src-attr 'unsafe-inline'; "
                // Article bodies and the portal's logo may show images from anywhere.
                + "img-src * data: blob:; "
                + "connect-src 'self'; "
                + "object-src 'none'; "
                + "base-uri 'none'; "
                + "frame-ancestors 'none'";
    }

    private static String newNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
