package io.atende.api.v2;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.account.Caller;
import io.atende.platform.Actor;
import io.atende.platform.RateLimiter;
import io.atende.platform.RequestActors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * Admits a request to an API endpoint: content type (415), token (401), scope and IP allow-list
 * (403), then the token's rate limit (429); refused tokens count against their address's budget
 * ({@link FailedAuthentications}). Runs after the route is known, so unknown paths and
 * wrong methods answer 404 and 405 first.
 */
@Component
class ApiAccessInterceptor implements AsyncHandlerInterceptor {

    private static final String BEARER = "bearer ";

    private final AccountManagement accounts;
    private final RateLimiter rateLimiter;
    private final FailedAuthentications failedAuthentications;

    ApiAccessInterceptor(AccountManagement accounts, RateLimiter rateLimiter, FailedAuthentications failedAuthentications) {
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
        this.failedAuthentications = failedAuthentications;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            // The end of a streamed answer (chat/stream) comes back through here; it was admitted when it began.
            return true;
        }
        var endpoint = method.getMethodAnnotation(ApiEndpoint.class);
        if (endpoint == null) {
            // ApiRoutes refuses to start with such a handler; should one slip through, it is not left open.
            throw new IllegalStateException(method + " is mapped under " + ApiRoutes.BASE_PATH + " without @ApiEndpoint");
        }
        if (endpoint.access() == Access.PUBLIC) {
            return true;
        }
        requireSupportedContentType(request);
        String address = request.getRemoteAddr();
        failedAuthentications.requireNotBlocked(address);
        String secret = presentedSecret(request);
        if (endpoint.access() == Access.PLATFORM) {
            if (!accounts.isPlatformToken(secret)) {
                throw failedAuthentications.refused(address, "auth.platform_token_required");
            }
            return true;
        }
        Caller caller = accounts.authenticate(secret)
                .orElseThrow(() -> failedAuthentications.refused(address, "auth.invalid_token"));
        if (!caller.scope().covers(endpoint.access().scope())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "auth.insufficient_scope", endpoint.access().scope().wireName());
        }
        if (endpoint.access() == Access.ADMIN && !caller.visibility().all() && !endpoint.withinDepartments()) {
            // A token limited to departments administers nothing of the whole account (docs/security.md).
            throw new ApiException(HttpStatus.FORBIDDEN, "auth.limited_token_account_wide");
        }
        if (!caller.permitsAddress(request.getRemoteAddr())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "auth.address_not_allowed");
        }
        var decision = rateLimiter.acquire(caller.accountId(), "token:" + caller.tokenId(), caller.rateLimit());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", Integer.toString(decision.limit()));
        headers.put("RateLimit-Remaining", Integer.toString(decision.remaining()));
        headers.put("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            headers.put(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, headers, "rate_limit.exceeded", decision.retryAfterSeconds());
        }
        headers.forEach(response::setHeader);
        request.setAttribute(ApiRequestReader.CALLER_ATTRIBUTE, caller);
        RequestActors.bind(request, Actor.apiToken(caller.tokenId(), caller.tokenName()));
        return true;
    }

    @Override
    public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response, Object handler) {
        RequestActors.release(request);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        RequestActors.release(request);
    }

    /** The token from {@code Authorization: Bearer <token>} or a bare {@code Authorization: <token>}. */
    private static String presentedSecret(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return value.substring(BEARER.length()).strip();
        }
        return value.contains(" ") ? null : value;
    }

    private static void requireSupportedContentType(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (!"POST".equals(request.getMethod()) || contentType == null || contentType.isBlank()) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException malformed) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request.unsupported_media_type", contentType);
        }
        boolean supported = MediaType.APPLICATION_FORM_URLENCODED.includes(type)
                || MediaType.MULTIPART_FORM_DATA.includes(type)
                || MediaType.APPLICATION_JSON.isCompatibleWith(type);
        if (!supported) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request.unsupported_media_type", contentType);
        }
    }
}
