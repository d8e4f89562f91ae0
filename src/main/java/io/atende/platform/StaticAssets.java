package io.atende.platform;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Serves the style sheets, scripts and icons under {@code static/} and the webjars (htmx, Quill) at content-hashed
 * addresses: a page's {@code @{/console/assets/console.css}} becomes {@code /console/assets/console-<md5>.css}
 * (ResourceUrlEncodingFilter), which browsers keep for a year without asking again, since a changed file gets a
 * new address. The address without the hash keeps working, revalidated on each use; {@code /widget.js}, embedded by
 * customers' sites at that fixed address, is kept for a few minutes only.
 *
 * <p>Only these paths are looked up on the class path (Spring Boot's catch-all {@code /**} mapping is off): each link
 * of each page is matched against them, and a catch-all location would send every page link to the class path,
 * which costs more than the page (BENCHMARKS.md, fourth pass).
 */
@Configuration(proxyBeanMethods = false)
class StaticAssets implements WebMvcConfigurer {

    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    static final CacheControl WIDGET = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
    static final CacheControl REVALIDATED = CacheControl.noCache();

    /** What ContentVersionStrategy adds to a file name: a dash and the content's MD5 before the extension. */
    private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(versioned())
                .addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/*/assets/**", "/*.js", "/*.css", "/*.svg", "/*.ico", "/*.png", "/*.txt")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addResolver(versioned());
        // Any other address is no file: answered 404 (NoResourceFoundException) as it always was, without
        // looking on the class path, neither when served nor when a page's link is rewritten.
        registry.addResourceHandler("/**")
                .resourceChain(false)
                .addResolver(new NoFiles());
    }

    private static VersionResourceResolver versioned() {
        return new VersionResourceResolver().addContentVersionStrategy("/**");
    }

    private static final class NoFiles implements ResourceResolver {

        @Override
        public Resource resolveResource(HttpServletRequest request, String requestPath, List<? extends Resource> locations,
                                        ResourceResolverChain chain) {
            return null;
        }

        @Override
        public String resolveUrlPath(String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
            return null;
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CachingHeaders());
    }

    /** Chooses each static answer's caching by its address; the resource handler itself sets none. */
    private static final class CachingHeaders implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (handler instanceof ResourceHttpRequestHandler) {
                String path = request.getRequestURI();
                CacheControl caching = HASHED.matcher(path).matches() ? IMMUTABLE
                        : path.endsWith("/widget.js") ? WIDGET : REVALIDATED;
                response.setHeader("Cache-Control", caching.getHeaderValue());
            }
            return true;
        }
    }
}
