package io.atende.api.v2;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** A refusal decided by the HTTP layer itself: credentials, scope, content type, size, rate. */
class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;
    private final transient Object[] arguments;
    private final Map<String, String> headers;

    ApiException(HttpStatus status, String messageKey, Object... arguments) {
        this(status, Map.of(), messageKey, arguments);
    }

    ApiException(HttpStatus status, Map<String, String> headers, String messageKey, Object... arguments) {
        super(messageKey, null, false, false);
        this.status = status;
        this.messageKey = messageKey;
        this.arguments = arguments;
        this.headers = Map.copyOf(headers);
    }

    HttpStatus status() {
        return status;
    }

    String messageKey() {
        return messageKey;
    }

    Object[] arguments() {
        return arguments;
    }

    Map<String, String> headers() {
        return headers;
    }
}
