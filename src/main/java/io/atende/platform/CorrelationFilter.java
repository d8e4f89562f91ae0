package io.atende.platform;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Request-Id} when it is sane), puts
 * it in the logging context and the response, and writes one access log line per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationFilter extends OncePerRequestFilter {

    /** Name of the header and of the logging context entry. */
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "correlationId";

    private static final Logger ACCESS = LoggerFactory.getLogger("io.atende.access");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // The container renders a failure after the request's own pass through the filters has
            // ended; the error answer must quote the id the response already carries.
            inErrorDispatch(request, response, chain);
            return;
        }
        String offered = request.getHeader(HEADER);
        String correlationId = offered != null && SANE.matcher(offered).matches() ? offered : Ids.newId();
        long started = System.nanoTime();
        MDC.put(MDC_KEY, correlationId);
        response.setHeader(HEADER, correlationId);
        ClientAddresses.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            ClientAddresses.clear();
            if (ACCESS.isInfoEnabled()) {  // the formatting costs even when the line is not written
                long micros = (System.nanoTime() - started) / 1_000;
                ACCESS.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0));
            }
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private static void inErrorDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = response.getHeader(HEADER);
        if (correlationId == null) {
            correlationId = Ids.newId();
            response.setHeader(HEADER, correlationId);
        }
        MDC.put(MDC_KEY, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The correlation id of the request being served on this thread, if any. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
