package io.atende.platform;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address clients reach this server at, for modules that must write absolute links without
 * knowing about HTTP: the scheme, host, port and context path of the request being served (as
 * forwarded headers report them), so links match those of the answer to that same request.
 */
@Component
public class PublicAddress {

    /** The current request's base address, without a trailing slash; empty outside a request (a worker, mail intake). */
    public Optional<String> current() {
        if (RequestContextHolder.getRequestAttributes() == null) {
            return Optional.empty();
        }
        return Optional.of(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
    }
}
