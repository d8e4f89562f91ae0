package io.atende.platform;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database unreachable in a filter (sessions, the signed-in operator or customer read before any
 * handler runs): 503 with {@code Retry-After}, rendered by the error controller as the API's envelope
 * or the face's "try again" page, instead of a stack trace logged as a defect. Handlers' own failures
 * are answered by their exception handlers the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);
    private static final String UNREACHABLE = DatabaseOutageFilter.class.getName() + ".unreachable";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // Rendering the 503 must not reach for the database again: without its cookies the request
            // has no session to load (the sessions live in the database).
            chain.doFilter(request.getAttribute(UNREACHABLE) != null ? new WithoutCookies(request) : request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (!DatabaseOutages.isOutage(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Database unreachable, answered 503: {}", failure.toString());
            request.setAttribute(UNREACHABLE, Boolean.TRUE);
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutages.RETRY_AFTER_SECONDS));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private static final class WithoutCookies extends HttpServletRequestWrapper {

        WithoutCookies(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Cookie[] getCookies() {
            return null;
        }
    }
}
