package io.atende.api.v2;

import java.util.Map;

import io.atende.platform.AtendeException;
import io.atende.platform.CorrelationFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure of a request as the envelope of docs/api.md, The envelope, with the status codes of its "Status codes". */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiMessages messages;

    ApiExceptionHandler(ApiMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(AtendeException.class)
    ResponseEntity<Map<String, Object>> refusedByModule(AtendeException failure) {
        return failure(HttpStatus.valueOf(failure.status()), messages.get(failure.messageKey(), failure.arguments()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException failure) {
        var response = ResponseEntity.status(failure.status()).contentType(ApiJson.MEDIA_TYPE);
        failure.headers().forEach((name, value) -> response.header(name, value));
        return response.body(Envelope.failure(messages.get(failure.messageKey(), failure.arguments())));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> unknownPath(NoResourceFoundException failure) {
        return failure(HttpStatus.NOT_FOUND, messages.get("request.unknown_path", "/" + failure.getResourcePath()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException failure) {
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
    ResponseEntity<Map<String, Object>> unexpected(Exception failure) {
        log.error("Unexpected failure", failure);
        return unexpectedFailure(messages);
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
