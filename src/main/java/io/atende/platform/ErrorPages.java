package io.atende.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML error pages of a face that people use in a browser (the console, the portal): failures
 * on its paths that no handler of its own answered (unknown paths, wrong methods, failures in
 * filters) are shown as its page rather than as the API's JSON envelope.
 */
public interface ErrorPages {

    /** Whether requests to this path (as the browser asked for it) belong to this face. */
    boolean serves(String path);

    /** The page for the status, with the message {@code messageKey} (arguments {@code arguments}). */
    ModelAndView page(HttpServletRequest request, int status, String messageKey, Object... arguments);

    /** The path the browser asked for, also while the container renders an error for it. */
    static String requestedPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String path ? path : request.getRequestURI();
        return uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    }

    /** Whether {@code path} is {@code root} or below it. */
    static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
