package io.atende.api.v2;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");
    static final Locale SPANISH = Locale.forLanguageTag("es");

    private final ApiAccessInterceptor access;
    private final ApiRequestReader reader;

    ApiWebConfiguration(ApiAccessInterceptor access, ApiRequestReader reader) {
        this.access = access;
        this.reader = reader;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(access).addPathPatterns(ApiRoutes.BASE_PATH + "/**");
    }

    /** Replaces the default strategy (the Accept header alone), see {@link ApiJson.Negotiation}. */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new ApiJson.Negotiation()));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(reader);
    }

    /** English unless the caller asks for Portuguese or Spanish. */
    @Bean
    LocaleResolver localeResolver() {
        return new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                if (request.getHeader("Accept-Language") == null) {
                    return Locale.ENGLISH;
                }
                // Any Portuguese means Brazilian Portuguese, any Spanish our Spanish; first match by preference.
                for (var locales = request.getLocales(); locales.hasMoreElements(); ) {
                    switch (locales.nextElement().getLanguage()) {
                        case "pt": return PORTUGUESE;
                        case "es": return SPANISH;
                        case "en": return Locale.ENGLISH;
                        default: break;
                    }
                }
                return Locale.ENGLISH;
            }
        };
    }
}
