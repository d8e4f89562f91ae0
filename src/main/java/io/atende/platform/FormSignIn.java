package io.atende.platform;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.FormLoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The session sign-in the console and the portal share, for one kind of person {@code P} (an operator, a customer):
 * the form's e-mail and password checked by the area's module (which throttles them), success and refusal answered by
 * {@link SignInSuccess} and {@link SignInFailure}, the identity kept in the session under the area's own key with the
 * credentials version it signed in with, a fresh session id when a page signs someone in, and on every request the
 * person reloaded, so that a session whose person is gone, deactivated or whose password changed since ends at once.
 * What differs between the areas comes in as parameters.
 *
 * @param <P> who signs in; kept in the session, so serializable
 */
public final class FormSignIn<P extends Serializable> {

    /**
     * Where an area lives.
     *
     * @param root             the path every page of the area starts with ({@code /console})
     * @param signInPage       the sign-in page, which also receives the form
     * @param startPage        where a sign-in goes when no page was asked for first
     * @param contextAttribute the session attribute holding the area's identity, so one browser can be signed in to
     *                         several areas at once
     */
    public record Area(String root, String signInPage, String startPage, String contextAttribute) {
    }

    /** Checks the form's e-mail and password. */
    @FunctionalInterface
    public interface Check<P extends Serializable> {

        /**
         * The person signing in, made with {@link FormSignIn#signedIn}.
         *
         * @param attempt the attempt, whose details say where it comes from
         * @throws SignInRefusedException when nothing matches, or when the attempt has to wait
         */
        SignedIn<P> signIn(String email, String password, Authentication attempt);
    }

    /** The person of a session as they are now. */
    @FunctionalInterface
    public interface Reload<P> {

        /** Empty when their sessions are over: gone, deactivated, or their password changed since {@code credentialsVersion}. */
        Optional<P> current(P before, int credentialsVersion, HttpServletRequest request);
    }

    private final Area area;
    private final Class<P> type;
    private final Function<P, List<String>> roles;
    private final Function<P, String> name;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param roles the roles a person holds, without the {@code ROLE_} prefix
     * @param name  the name Spring Security knows the person by, unique across accounts
     */
    public FormSignIn(Area area, Class<P> type, Function<P, List<String>> roles, Function<P, String> name) {
        this.area = area;
        this.type = type;
        this.roles = roles;
        this.name = name;
    }

    public Area area() {
        return area;
    }

    /** The identity a session keeps for this person, signed in with this credentials version. */
    public SignedIn<P> signedIn(P person, int credentialsVersion) {
        var authorities = roles.apply(person).stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return new SignedIn<>(person, credentialsVersion, authorities, name.apply(person));
    }

    /**
     * Checks the sign-in form with {@code check}. Not to be a bean: Spring Security would also install a provider bean
     * in the global authentication manager, and a refused attempt would then be checked (and counted) twice.
     */
    public AuthenticationProvider provider(Check<P> check) {
        return new AuthenticationProvider() {

            @Override
            public Authentication authenticate(Authentication attempt) {
                String password = attempt.getCredentials() == null ? null : attempt.getCredentials().toString();
                try {
                    return check.signIn(attempt.getName(), password, attempt);
                } catch (SignInRefusedException refused) {
                    if (refused.throttled()) {
                        throw new SignInFailure.TooManyAttempts(refused.retryAfter());
                    }
                    throw new BadCredentialsException("bad credentials");
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * The form: {@code email} and {@code password} posted to the sign-in page, success to the page first asked for
     * (else the start page), refusal back to the sign-in page with {@code moreQuery} added to its query string.
     */
    public Customizer<FormLoginConfigurer<HttpSecurity>> form(Function<HttpServletRequest, String> moreQuery) {
        return form -> form
                .loginPage(area.signInPage())
                .loginProcessingUrl(area.signInPage())
                .usernameParameter("email")
                .passwordParameter("password")
                .successHandler(new SignInSuccess(area.startPage()))
                .failureHandler(new SignInFailure(area.signInPage(), moreQuery));
    }

    /**
     * Sends a browser to the sign-in page; an htmx request (whose answer would be swapped into part of a page) gets
     * 401 with {@code HX-Redirect}, so the whole page goes there instead.
     */
    public AuthenticationEntryPoint signInFirst() {
        var page = new LoginUrlAuthenticationEntryPoint(area.signInPage());
        return (request, response, failure) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + area.signInPage());
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            page.commence(request, response, failure);
        };
    }

    /**
     * Reloads the signed-in person on every request of the area (but its static assets): a session that is over
     * signs out, a changed person applies at once, and the page speaks the person's language. Not to be a bean: Boot
     * would also register it for every request outside the area's chain.
     *
     * @param endWholeSession whether a session that is over loses everything (other areas' identities too) or only
     *                        this area's identity
     */
    public OncePerRequestFilter currentPersonFilter(Reload<P> reload, Function<P, Locale> locale, boolean endWholeSession) {
        return new OncePerRequestFilter() {

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var signedIn = person(contexts.getContext().getAuthentication());
                if (signedIn.isPresent()) {
                    var before = signedIn.get();
                    var now = reload.current(before.getPrincipal(), before.credentialsVersion(), request).orElse(null);
                    var session = request.getSession(false);
                    if (now == null) {
                        contexts.clearContext();
                        if (session != null && endWholeSession) {
                            session.invalidate();
                        } else if (session != null) {
                            session.removeAttribute(area.contextAttribute());
                        }
                    } else {
                        if (!now.equals(before.getPrincipal())) {
                            var context = keep(signedIn(now, before.credentialsVersion()));
                            if (session != null) {
                                session.setAttribute(area.contextAttribute(), context);
                            }
                        }
                        RequestLocales.use(request, locale.apply(now));
                    }
                }
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return !path.startsWith(area.root()) || path.startsWith(area.root() + "/assets/");
            }
        };
    }

    /**
     * Signs the person in to this session (after setting their password from a link, say) with a new session id, as
     * at any sign-in, so that a session id known before cannot be used after.
     */
    public void signInHere(HttpServletRequest request, P person, int credentialsVersion) {
        var context = keep(signedIn(person, credentialsVersion));
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        request.getSession().setAttribute(area.contextAttribute(), context);
        SessionClient.signedIn(request, name.apply(person));
    }

    /**
     * Keeps the session that changed the person's password signed in: its identity takes the new credentials
     * version, while the person's other sessions, still holding the old one, end.
     */
    public void stayedSignedIn(HttpServletRequest request, int credentialsVersion) {
        person(contexts.getContext().getAuthentication()).ifPresent(signedIn -> {
            var context = keep(signedIn(signedIn.getPrincipal(), credentialsVersion));
            request.getSession().setAttribute(area.contextAttribute(), context);
        });
    }

    /**
     * The person signed in to this area: of the request, else of its session (for pages outside the area's chain, and
     * while the container renders an error).
     */
    public Optional<P> signedIn(HttpServletRequest request) {
        var current = person(contexts.getContext().getAuthentication())
                .or(() -> request.getUserPrincipal() instanceof Authentication authentication ? person(authentication) : Optional.empty());
        if (current.isPresent()) {
            return current.map(SignedIn::getPrincipal);
        }
        var session = request.getSession(false);
        if (session != null && session.getAttribute(area.contextAttribute()) instanceof SecurityContext context) {
            return person(context.getAuthentication()).map(SignedIn::getPrincipal);
        }
        return Optional.empty();
    }

    private SecurityContext keep(SignedIn<P> identity) {
        var context = contexts.createEmptyContext();
        context.setAuthentication(identity);
        contexts.setContext(context);
        return context;
    }

    @SuppressWarnings("unchecked")
    private Optional<SignedIn<P>> person(Authentication authentication) {
        if (authentication instanceof SignedIn<?> signedIn && type.isInstance(signedIn.getPrincipal())) {
            return Optional.of((SignedIn<P>) signedIn);
        }
        return Optional.empty();
    }

    /**
     * The authentication kept in the session: the person and their roles, never the password, and how many times
     * the password had changed when this session signed in (a later change ends it).
     */
    public static final class SignedIn<P extends Serializable> extends AbstractAuthenticationToken {

        private final P person;
        private final int credentialsVersion;
        private final String name;

        private SignedIn(P person, int credentialsVersion, Collection<SimpleGrantedAuthority> authorities, String name) {
            super(authorities);
            this.person = person;
            this.credentialsVersion = credentialsVersion;
            this.name = name;
            setAuthenticated(true);
        }

        public int credentialsVersion() {
            return credentialsVersion;
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public P getPrincipal() {
            return person;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
