/**
 * The public help center under {@code /kb} and {@code /accounts/<id>/kb}: server-rendered pages, no
 * sign-in, published articles only, read through the {@code knowledge} front door. Which account a
 * host serves and where canonical links point are decided here, not in the knowledge base.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "knowledge" })
package io.atende.helpcenter;
