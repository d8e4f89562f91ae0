package io.atende.api.v2;

import java.util.List;
import java.util.Locale;

import io.atende.platform.RequestLocales;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    static final Locale PORTUGUESE = RequestLocales.PORTUGUESE;
    static final Locale SPANISH = RequestLocales.SPANISH;

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
}
