package io.atende.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a browser form whose body is over the size limit (the multipart settings' 25 MB, or
 * Tomcat's limit for url-encoded forms) with the console's or the portal's own 413 page.
 * <p>
 * Without it, such a form posted without JavaScript carries its CSRF token in the body that cannot
 * be read: the CSRF filter's attempt to read it fails, and the container's error page answers in
 * the API's JSON envelope. This filter sits in a session chain just before the CSRF filter, reads
 * the form once (the container keeps what it read, or its failure, for everyone after) and, when
 * the body is too large, forwards to {@code page} as a GET without body, so that no handler runs
 * and nothing reads the body again. Requests that send the token in a header (htmx) are left to
 * the handlers' own 413 answers, which show the message inside the page.
 */
// Not a bean: Boot would register it for every request, outside the chains that add it.
public final class OversizedForms extends OncePerRequestFilter {

    private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String page;
    private final String csrfHeader;

    /** @param page where to forward a form that is too large; @param csrfHeader the header that carries the CSRF token */
    public OversizedForms(String page, String csrfHeader) {
        this.page = page;
        this.csrfHeader = csrfHeader;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!WITHOUT_BODY.contains(request.getMethod()) && request.getHeader(csrfHeader) == null && tooLarge(request)) {
            request.getRequestDispatcher(page).forward(new WithoutBody(request), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean tooLarge(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return false;
        } catch (InvalidParameterException unreadable) {
            // Other unreadable bodies go on as before (the CSRF filter refuses them).
            return unreadable.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
        }
    }

    /** The refused request as the page that explains it sees it: a GET without parameters or body. */
    private static final class WithoutBody extends HttpServletRequestWrapper {

        WithoutBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public Collection<Part> getParts() {
            return List.of();
        }

        @Override
        public Part getPart(String name) {
            return null;
        }

        @Override
        public ServletInputStream getInputStream() {
            var empty = new ByteArrayInputStream(new byte[0]);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return empty.read();
                }
            };
        }
    }
}
