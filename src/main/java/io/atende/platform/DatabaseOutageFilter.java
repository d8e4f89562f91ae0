package io.atende.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
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

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (!DatabaseOutages.isOutage(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Database unreachable, answered 503: {}", failure.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutages.RETRY_AFTER_SECONDS));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }
}
