package io.atende.platform;

/**
 * A signed-in principal (the console's operator, the portal's customer) that says who acts for its requests:
 * {@link RequestActors} makes it the current {@link Actor} while the request is handled.
 */
public interface ActingPrincipal {

    Actor actor();
}
