package io.atende.support;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Provider for the single sign-on tests: Spring Authorization Server in a small Spring context of its
 * own, on its own port of 127.0.0.1 (so its cookies are apart from the console's on localhost), with Spring
 * Security's sign-in page for its people. Tests register the console as a client (with the account's redirect URI)
 * and add people; the ID token names the person's e-mail ({@code email}, {@code email_verified}, {@code name}).
 * <p>
 * Clients whose id starts with {@link #FORGE_ISSUER}, {@link #FORGE_AUDIENCE} or {@link #FORGE_NONCE} get an ID token
 * with another issuer, audience or nonce than the console expects, as a provider impersonated or misconfigured would.
 * Clients whose id starts with {@link #NO_EMAIL} get one without {@code email} and {@code email_verified}, as a provider
 * not asked for (or not sharing) the e-mail scope would send.
 */
public final class OpenIdProvider implements AutoCloseable {

    public static final String PASSWORD = "provider-password";
    public static final String FORGE_ISSUER = "forge-issuer-";
    public static final String FORGE_AUDIENCE = "forge-audience-";
    public static final String FORGE_NONCE = "forge-nonce-";
    public static final String NO_EMAIL = "no-email-";

    private final ServletWebServerApplicationContext context;

    private OpenIdProvider(ServletWebServerApplicationContext context) {
        this.context = context;
    }

    /** Starts a provider on a free port. */
    public static OpenIdProvider start() {
        var context = new SpringApplicationBuilder(Server.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // Its own (missing) configuration file: nothing of the application's settings applies here.
                .properties("spring.config.name=openid-provider-test")
                .run();
        return new OpenIdProvider((ServletWebServerApplicationContext) context);
    }

    /** The issuer, as its discovery document names it. */
    public String issuer() {
        return "http://127.0.0.1:" + context.getWebServer().getPort();
    }

    /** Registers a confidential client with one redirect URI, asking for no consent. */
    public void registerClient(String clientId, String secret, String redirectUri) {
        context.getBean(InMemoryRegisteredClientRepository.class).save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope(OidcScopes.OPENID).scope(OidcScopes.EMAIL).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .build());
    }

    /** A person who signs in here with {@link #PASSWORD}; the username is the e-mail address. */
    public void addPerson(String email, String name, boolean emailVerified) {
        context.getBean(InMemoryUserDetailsManager.class).createUser(User.withUsername(email).password("{noop}" + PASSWORD).roles("USER").build());
        context.getBean(People.class).people.put(email, new Person(name, emailVerified));
    }

    @Override
    public void close() {
        context.close();
    }

    record Person(String name, boolean emailVerified) {
    }

    static final class People {
        final Map<String, Person> people = new ConcurrentHashMap<>();
    }

    /** The provider's context: no auto-configuration, only what an OpenID Provider needs. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Server {

        @Bean
        TomcatServletWebServerFactory webServer() {
            var factory = new TomcatServletWebServerFactory(0);
            factory.setAddress(java.net.InetAddress.getLoopbackAddress());
            // Tomcat runs filters only for a request some servlet is mapped to; every answer here comes from Spring Security's filters.
            factory.setRegisterDefaultServlet(true);
            return factory;
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .oauth2ResourceServer(resources -> resources.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager();
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            // The repository refuses to start empty.
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("placeholder").clientId("placeholder")
                    .clientSecret("{noop}placeholder").authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build());
        }

        @Bean
        People people() {
            return new People();
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(People people) {
            return token -> {
                if (!OidcParameterNames.ID_TOKEN.equals(token.getTokenType().getValue())) {
                    return;
                }
                String username = token.getPrincipal().getName();
                var person = people.people.get(username);
                var claims = token.getClaims();
                String clientId = token.getRegisteredClient().getClientId();
                if (!clientId.startsWith(NO_EMAIL)) {
                    claims.claim("email", username);
                    claims.claim("email_verified", person == null || person.emailVerified());
                }
                if (person != null && person.name() != null) {
                    claims.claim("name", person.name());
                }
                if (clientId.startsWith(FORGE_ISSUER)) {
                    claims.issuer("http://127.0.0.1:1/someone-else");
                } else if (clientId.startsWith(FORGE_AUDIENCE)) {
                    claims.audience(List.of("some-other-client"));
                } else if (clientId.startsWith(FORGE_NONCE)) {
                    claims.claim("nonce", "a-nonce-from-another-sign-in");
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
