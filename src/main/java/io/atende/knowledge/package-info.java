/**
 * The knowledge base: categories and articles, their sanitized bodies, search words and stems, view
 * counter, readers' votes and images (stored as attachments). The public pages that read it are the {@code helpcenter} face.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "attachment" })
package io.atende.knowledge;
