package io.atende.api.v2;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method as an endpoint of API v2.0 and describes it. The route table built from
 * these (see {@link ApiRoutes}) decides access and generates the OpenAPI and Postman documents,
 * so what is served and what is documented cannot drift apart.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ApiEndpoint {

    Access access();

    /** The group in the documents: Tickets, Customers, Departments, ... */
    String tag();

    String summary();

    /**
     * An {@link Access#ADMIN} endpoint that confines itself to the departments of a token limited to some: it admits
     * such a token. Every other admin endpoint administers the whole account and refuses one (403).
     */
    boolean withinDepartments() default false;

    /** An Atende extension that TomTicket does not have. */
    boolean extension() default false;

    Param[] params() default {};

    /** One documented parameter. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Param {
        String name();

        boolean required() default false;

        /** string, integer, boolean, date, file, csv or map */
        String type() default "string";

        String description() default "";
    }
}
