package io.atende.api.v2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The route table: every endpoint the server maps under {@code /v2.0}, read from the handler mappings. */
@Component
class ApiRoutes {

    static final String BASE_PATH = "/v2.0";

    private final RequestMappingHandlerMapping mappings;
    private volatile List<ApiRoute> routes;

    ApiRoutes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    /** Checks the table once the handlers are mapped, so that an undescribed endpoint stops the server from starting. */
    @EventListener(ContextRefreshedEvent.class)
    void verify() {
        all();
    }

    /** Every mapped API route, by path then method. Fails loudly if a handler lacks its description. */
    List<ApiRoute> all() {
        var known = routes;
        if (known == null) {
            known = collect();
            routes = known;
        }
        return known;
    }

    private List<ApiRoute> collect() {
        List<ApiRoute> found = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith(BASE_PATH + "/")) {
                    continue;
                }
                var endpoint = handler.getMethodAnnotation(ApiEndpoint.class);
                if (endpoint == null) {
                    throw new IllegalStateException(handler + " serves " + pattern + " without @ApiEndpoint");
                }
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    // It would answer every method while the documents listed none of them.
                    throw new IllegalStateException(handler + " serves " + pattern + " without naming its HTTP method");
                }
                for (RequestMethod method : methods) {
                    found.add(new ApiRoute(method.name(), pattern.substring(BASE_PATH.length()), endpoint));
                }
            }
        });
        found.sort(Comparator.comparing(ApiRoute::path).thenComparing(ApiRoute::method));
        return List.copyOf(found);
    }
}
