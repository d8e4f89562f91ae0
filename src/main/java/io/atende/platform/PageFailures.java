package io.atende.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The failure handlers every face used in a browser (the console, the portal) shares in its controller advice: a
 * client's malformed request is a 400 page naming the parameter where there is one, the database unreachable a 503
 * "try again" page with {@code Retry-After}, anything else a 500 page with the correlation id; a stream whose browser
 * went away gets no answer. The pages are the face's own ({@link #pages()}); refusals of the modules and uploads too
 * large stay with each face, whose layouts differ.
 */
public abstract class PageFailures {

    private final Logger log = LoggerFactory.getLogger(getClass());

    /** The face's error pages. */
    protected abstract ErrorPages pages();

    /** The message of a multipart body that cannot be read. */
    protected String malformedMultipartMessage() {
        return "request.malformed_multipart";
    }

    /** A parameter's name or value with characters the firewall refuses (control characters). */
    @ExceptionHandler(RequestRejectedException.class)
    public ModelAndView rejected(RequestRejectedException failure, HttpServletRequest request) {
        log.debug("Request rejected: {}", failure.getMessage());
        return pages().page(request, 400, "request.rejected_characters");
    }

    /** {@code page=abc}, {@code page=2147483648}, {@code active=maybe}: the parameter is named. */
    @ExceptionHandler(TypeMismatchException.class)
    public ModelAndView mismatched(TypeMismatchException failure, HttpServletRequest request) {
        String name = failure instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : failure.getPropertyName();
        return pages().page(request, 400, "parameter.invalid", name);
    }

    @ExceptionHandler(BindException.class)
    public ModelAndView unbound(BindException failure, HttpServletRequest request) {
        var field = failure.getFieldError();
        return field != null ? pages().page(request, 400, "parameter.invalid", field.getField())
                : pages().page(request, 400, "request.bad_request");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ModelAndView missing(MissingServletRequestParameterException failure, HttpServletRequest request) {
        return pages().page(request, 400, "parameter.required", failure.getParameterName());
    }

    @ExceptionHandler({ServletRequestBindingException.class, HttpMessageNotReadableException.class})
    public ModelAndView malformed(Exception failure, HttpServletRequest request) {
        return pages().page(request, 400, "request.bad_request");
    }

    @ExceptionHandler(MultipartException.class)
    public ModelAndView malformedMultipart(MultipartException failure, HttpServletRequest request) {
        return pages().page(request, 400, malformedMultipartMessage());
    }

    /** A live update stream's browser went away: nobody is left to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException failure) {
        log.debug("Client went away: {}", failure.getMessage());
    }

    /** A live stream refused because the node or the reader's share of it is full: its status, not a failure of ours. */
    @ExceptionHandler(ResponseStatusException.class)
    public ModelAndView refused(ResponseStatusException refusal, HttpServletRequest request) {
        log.debug("Refused with {}: {}", refusal.getStatusCode(), refusal.getReason());
        return pages().page(request, refusal.getStatusCode().value(), "request.streams_full");
    }

    @ExceptionHandler(Exception.class)
    public ModelAndView failed(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        if (DatabaseOutages.isOutage(failure)) {
            log.warn("Database unreachable, answered 503: {}", failure.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutages.RETRY_AFTER_SECONDS));
            return pages().page(request, 503, "error.unavailable", DatabaseOutages.RETRY_AFTER_SECONDS);
        }
        log.error("Unexpected failure", failure);
        return pages().page(request, 500, "error.unexpected_with_id", CorrelationFilter.current());
    }
}
