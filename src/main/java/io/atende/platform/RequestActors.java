package io.atende.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Binds who acts to the request that acts: a signed-in {@link ActingPrincipal} becomes the current {@link Actor} for
 * the handler, and a face that learns its actor later (the API once the token is verified) calls {@link #bind}. The
 * actor is released when the request ends or goes asynchronous, so a pooled thread never carries it into another
 * request.
 */
@Configuration(proxyBeanMethods = false)
public class RequestActors implements WebMvcConfigurer, AsyncHandlerInterceptor {

    private static final String ATTRIBUTE = RequestActors.class.getName() + ".acting";

    /** Makes {@code actor} the current one for the rest of {@code request}'s handling in this thread. */
    public static void bind(HttpServletRequest request, Actor actor) {
        release(request);
        request.setAttribute(ATTRIBUTE, Actors.acting(actor));
    }

    /** Ends what {@link #bind} began (nothing when nothing is bound). */
    public static void release(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Actors.Acting acting) {
            request.removeAttribute(ATTRIBUTE);
            acting.close();
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ActingPrincipal principal) {
            bind(request, principal.actor());
        }
        return true;
    }

    @Override
    public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response, Object handler) {
        release(request);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        release(request);
    }
}
