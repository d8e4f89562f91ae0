package io.atende.api.v2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * API responses are {@code application/json; charset=utf-8} (docs/api.md, The envelope), success or failure,
 * whatever the caller's {@code Accept} header asks for. Spring writes plain {@code application/json}
 * and would refuse a caller that does not list JSON; this advice and {@link Negotiation} close both gaps.
 */
@RestControllerAdvice(basePackageClasses = ApiJson.class)
class ApiJson implements ResponseBodyAdvice<Object> {

    static final MediaType MEDIA_TYPE = new MediaType("application", "json", StandardCharsets.UTF_8);

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(selectedContentType) && selectedContentType.getCharset() == null) {
            response.getHeaders().setContentType(MEDIA_TYPE);
        }
        return body;
    }

    /**
     * The {@code Accept} header as usual, except that under {@code /v2.0} (and on {@code /error},
     * which answers for it) JSON is always acceptable: TomTicket clients get JSON, never a 406.
     */
    static final class Negotiation extends HeaderContentNegotiationStrategy {

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
            if (!isApi(request)) {
                return super.resolveMediaTypes(request);
            }
            List<MediaType> requested;
            try {
                requested = super.resolveMediaTypes(request);
            } catch (HttpMediaTypeNotAcceptableException unreadableHeader) {
                return List.of(MediaType.APPLICATION_JSON);
            }
            if (requested.equals(MEDIA_TYPE_ALL_LIST)) {
                return requested;
            }
            List<MediaType> types = new ArrayList<>(requested);
            types.add(MediaType.APPLICATION_JSON);
            return types;
        }

        private static boolean isApi(NativeWebRequest request) {
            var servlet = request.getNativeRequest(HttpServletRequest.class);
            if (servlet == null) {
                return false;
            }
            String path = servlet.getRequestURI().substring(servlet.getContextPath().length());
            return path.startsWith(ApiRoutes.BASE_PATH + "/") || path.equals("/error");
        }
    }
}
