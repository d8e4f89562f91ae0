package io.atende.platform;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Where a form sign-in of the console or the portal goes on to (the page first asked for, else the area's start
 * page), having first made the new session's CSRF token. Left to the first pages after sign-in, two of them loading
 * at once (a tab and an htmx poll) would each make a token and add it to the same session, and the database
 * session store refuses the second addition with an error page. The session's index name and browser
 * ({@link SessionClient}) are written here for the same reason.
 */
public final class SignInSuccess implements AuthenticationSuccessHandler {

    private final SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();

    public SignInSuccess(String startPage) {
        next.setDefaultTargetUrl(startPage);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        SessionClient.signedIn(request, authentication.getName());
        next.onAuthenticationSuccess(request, response, authentication);
    }
}
