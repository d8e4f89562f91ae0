package io.atende.api.v2;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failures that happen outside the API's handlers (in the servlet container or a filter) reach
 * {@code /error}; they are answered in the same envelope, never as an HTML page or a stack trace.
 */
@RestController
class ApiErrorController implements ErrorController {

    private final ApiMessages messages;

    ApiErrorController(ApiMessages messages) {
        this.messages = messages;
    }

    @RequestMapping(value = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Asked for directly rather than forwarded to by the container: not an endpoint.
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(ApiJson.MEDIA_TYPE)
                    .body(Envelope.failure(messages.get("request.not_found")));
        }
        HttpStatus status = code instanceof Integer number ? HttpStatus.resolve(number) : null;
        if (status == null || status.is5xxServerError()) {
            return ApiExceptionHandler.unexpectedFailure(messages);
        }
        String key = switch (status) {
            case NOT_FOUND -> "request.not_found";
            case METHOD_NOT_ALLOWED -> "request.method_not_allowed_plain";
            case CONTENT_TOO_LARGE -> "request.too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "request.unsupported_media_type_plain";
            default -> "request.bad_request";
        };
        return ResponseEntity.status(status).contentType(ApiJson.MEDIA_TYPE)
                .body(Envelope.failure(messages.get(key)));
    }
}
