package io.atende.api.v2;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.platform.AtendeException;
import io.atende.platform.CorrelationFilter;
import io.atende.platform.DatabaseOutages;
import io.atende.platform.ErrorPages;
import io.atende.platform.RefusalStatuses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a request as the envelope of docs/api.md (The envelope), with its status codes. The
 * console and portal answer their handlers' failures themselves; what reaches here on their paths
 * without a handler of theirs (unknown paths, wrong methods) is shown as their error page.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiMessages messages;
    private final List<ErrorPages> pages;

    ApiExceptionHandler(ApiMessages messages, List<ErrorPages> pages) {
        this.messages = messages;
        this.pages = pages;
    }

    @ExceptionHandler(AtendeException.class)
    ResponseEntity<Map<String, Object>> refusedByModule(AtendeException failure) {
        return failure(HttpStatus.valueOf(RefusalStatuses.status(failure)), messages.get(failure.messageKey(), failure.arguments()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException failure) {
        var response = ResponseEntity.status(failure.status()).contentType(ApiJson.MEDIA_TYPE);
        failure.headers().forEach((name, value) -> response.header(name, value));
        return response.body(Envelope.failure(messages.get(failure.messageKey(), failure.arguments())));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object unknownPath(NoResourceFoundException failure, HttpServletRequest request) {
        var page = page(pages, request, HttpStatus.NOT_FOUND, "request.page_not_found");
        return page != null ? page : failure(HttpStatus.NOT_FOUND, messages.get("request.unknown_path", "/" + failure.getResourcePath()));
    }

    /** A parameter's name or value with characters the firewall refuses (control characters): the client's mistake. */
    @ExceptionHandler(RequestRejectedException.class)
    Object rejected(RequestRejectedException failure, HttpServletRequest request) {
        log.debug("Request rejected: {}", failure.getMessage());
        var page = page(pages, request, HttpStatus.BAD_REQUEST, "request.rejected_characters");
        return page != null ? page : failure(HttpStatus.BAD_REQUEST, messages.get("request.rejected_characters"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object wrongMethod(HttpRequestMethodNotSupportedException failure, HttpServletRequest request) {
        var page = page(pages, request, HttpStatus.METHOD_NOT_ALLOWED, "request.method_not_allowed_plain");
        if (page != null) {
            return page;
        }
        var allowed = failure.getSupportedHttpMethods() == null ? "" : String.join(", ",
                failure.getSupportedHttpMethods().stream().map(Object::toString).toList());
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(ApiJson.MEDIA_TYPE)
                .header(HttpHeaders.ALLOW, allowed)
                .body(Envelope.failure(messages.get("request.method_not_allowed", failure.getMethod(), allowed)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException failure) {
        return failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                messages.get("request.unsupported_media_type", String.valueOf(failure.getContentType())));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException failure) {
        return failure(HttpStatus.CONTENT_TOO_LARGE, messages.get("request.too_large"));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> malformedMultipart(MultipartException failure) {
        if (isSizeLimit(failure)) {
            return failure(HttpStatus.CONTENT_TOO_LARGE, messages.get("request.too_large"));
        }
        return failure(HttpStatus.BAD_REQUEST, messages.get("request.malformed_multipart"));
    }

    /** A streaming client (chat/stream) went away: nobody is left to answer, and it is no failure of ours. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException failure) {
        log.debug("Client went away: {}", failure.getMessage());
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        if (DatabaseOutages.isOutage(failure)) {
            log.warn("Database unreachable, answered 503: {}", failure.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutages.RETRY_AFTER_SECONDS));
            var page = page(pages, request, HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable", DatabaseOutages.RETRY_AFTER_SECONDS);
            return page != null ? page : unavailable(messages);
        }
        log.error("Unexpected failure", failure);
        var page = page(pages, request, HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected_with_id", CorrelationFilter.current());
        return page != null ? page : unexpectedFailure(messages);
    }

    /** The database is unreachable for a moment: 503, and when to try again, in the header and the envelope. */
    static ResponseEntity<Map<String, Object>> unavailable(ApiMessages messages) {
        var body = Envelope.failure(messages.get("error.unavailable", DatabaseOutages.RETRY_AFTER_SECONDS));
        body.put("retry_after", DatabaseOutages.RETRY_AFTER_SECONDS);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(ApiJson.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutages.RETRY_AFTER_SECONDS)).body(body);
    }

    /** The error page of the face whose path was asked for, or {@code null} on the API's and other paths. */
    static ModelAndView page(List<ErrorPages> pages, HttpServletRequest request, HttpStatus status, String messageKey, Object... arguments) {
        String path = ErrorPages.requestedPath(request);
        for (ErrorPages face : pages) {
            if (face.serves(path)) {
                return face.page(request, status.value(), messageKey, arguments);
            }
        }
        return null;
    }

    static ResponseEntity<Map<String, Object>> unexpectedFailure(ApiMessages messages) {
        String correlationId = CorrelationFilter.current();
        var body = Envelope.failure(messages.get("error.unexpected_with_id", correlationId));
        body.put("correlation_id", correlationId);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(ApiJson.MEDIA_TYPE).body(body);
    }

    private static ResponseEntity<Map<String, Object>> failure(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(ApiJson.MEDIA_TYPE).body(Envelope.failure(message));
    }

    private static boolean isSizeLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getSimpleName();
            if (name.contains("SizeLimitExceeded") || name.contains("SizeException") || cause instanceof MaxUploadSizeExceededException) {
                return true;
            }
        }
        return false;
    }
}
