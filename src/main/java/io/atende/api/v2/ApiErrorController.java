package io.atende.api.v2;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.platform.CorrelationFilter;
import io.atende.platform.DatabaseOutages;
import io.atende.platform.ErrorPages;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failures that happen outside the API's handlers (in the servlet container or a filter) reach
 * {@code /error}; they are answered in the same envelope, never as an HTML page or a stack trace,
 * except on the paths of a face people browse (console, portal), which shows its own error page.
 */
@RestController
class ApiErrorController implements ErrorController {

    private final ApiMessages messages;
    private final List<ErrorPages> pages;

    ApiErrorController(ApiMessages messages, List<ErrorPages> pages) {
        this.messages = messages;
        this.pages = pages;
    }

    // The answer is a ModelAndView for a face's page, else the envelope.
    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Asked for directly rather than forwarded to by the container: not an endpoint.
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(ApiJson.MEDIA_TYPE)
                    .body(Envelope.failure(messages.get("request.not_found")));
        }
        HttpStatus status = code instanceof Integer number ? HttpStatus.resolve(number) : null;
        if (status == HttpStatus.SERVICE_UNAVAILABLE
                || (status != null && status.is5xxServerError() && DatabaseOutages.isOutage(failure(request)))) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutages.RETRY_AFTER_SECONDS));
            var page = ApiExceptionHandler.page(pages, request, HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable",
                    DatabaseOutages.RETRY_AFTER_SECONDS);
            return page != null ? page : ApiExceptionHandler.unavailable(messages);
        }
        if (status == null || status.is5xxServerError()) {
            var page = ApiExceptionHandler.page(pages, request, HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected_with_id",
                    CorrelationFilter.current());
            return page != null ? page : ApiExceptionHandler.unexpectedFailure(messages);
        }
        String key = switch (status) {
            case NOT_FOUND -> "request.not_found";
            case METHOD_NOT_ALLOWED -> "request.method_not_allowed_plain";
            case CONTENT_TOO_LARGE -> "request.too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "request.unsupported_media_type_plain";
            default -> "request.bad_request";
        };
        var page = ApiExceptionHandler.page(pages, request, status, status == HttpStatus.NOT_FOUND ? "request.page_not_found" : key);
        return page != null ? page : ResponseEntity.status(status).contentType(ApiJson.MEDIA_TYPE)
                .body(Envelope.failure(messages.get(key)));
    }

    private static Throwable failure(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown ? thrown : null;
    }
}
