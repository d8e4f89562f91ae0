package io.atende.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Where a refused form sign-in of the console or the portal goes: back to the sign-in page, saying
 * either "wrong e-mail or password" (the same whether or not the address exists) or "too many
 * attempts, try again in N minutes", with the typed e-mail still in the form. The e-mail travels as a
 * flash attribute ({@code email}), never in the address, where it would end up in logs and history.
 */
public final class SignInFailure implements AuthenticationFailureHandler {

    /** Model attribute with the typed e-mail. */
    public static final String EMAIL = "email";
    /** Model attribute with the whole minutes to wait, when the attempt was throttled. */
    public static final String RETRY_MINUTES = "retryMinutes";
    private static final int LONGEST_EMAIL = 250;

    private final String signInPage;
    private final Function<HttpServletRequest, String> moreQuery;
    private final SessionFlashMapManager flashMaps = new LatestOnly();

    /** @param moreQuery what to add to the page's query string ({@code &name=value...}), or an empty text */
    public SignInFailure(String signInPage, Function<HttpServletRequest, String> moreQuery) {
        this.signInPage = signInPage;
        this.moreQuery = moreQuery;
    }

    /** The attempt was not checked because there were too many failed ones lately. */
    public static final class TooManyAttempts extends AuthenticationException {

        private final transient Duration retryAfter;

        public TooManyAttempts(Duration retryAfter) {
            super("too many attempts, retry after " + retryAfter);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        var flash = new FlashMap();
        String email = request.getParameter("email");
        if (email != null) {
            flash.put(EMAIL, email.length() > LONGEST_EMAIL ? email.substring(0, LONGEST_EMAIL) : email);
        }
        boolean throttled = failure instanceof TooManyAttempts;
        if (failure instanceof TooManyAttempts tooMany) {
            flash.put(RETRY_MINUTES, minutes(tooMany.retryAfter()));
        }
        String page = request.getContextPath() + signInPage;
        flash.setTargetRequestPath(page);
        flashMaps.saveOutputFlashMap(flash, request, response);
        response.sendRedirect(page + (throttled ? "?throttled" : "?error") + moreQuery.apply(request));
    }

    /**
     * Keeps only the latest refusal's flash attributes for the sign-in page: refusals whose page was
     * never loaded (a script posting, say) would otherwise be matched first.
     */
    private static final class LatestOnly extends SessionFlashMapManager {

        @Override
        protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
            if (!flashMaps.isEmpty()) {
                var latest = flashMaps.get(flashMaps.size() - 1);
                flashMaps.removeIf(map -> map != latest && Objects.equals(map.getTargetRequestPath(), latest.getTargetRequestPath()));
            }
            super.updateFlashMaps(flashMaps, request, response);
        }
    }

    /** Whole minutes, rounded up, at least one. */
    public static long minutes(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return (seconds + 59) / 60;
    }
}
