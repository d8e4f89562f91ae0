/**
 * The knowledge base: categories and articles, their sanitized bodies and search words, and the public
 * help center that reads them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account" })
package io.atende.knowledge;
