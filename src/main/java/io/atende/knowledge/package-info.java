/**
 * The knowledge base: categories and articles, their sanitized bodies, search words and view
 * counter. The public pages that read it are the {@code helpcenter} face.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform" })
package io.atende.knowledge;
