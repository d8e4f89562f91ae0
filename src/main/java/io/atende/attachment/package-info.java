/** Files attached to ticket and chat messages: metadata, sniffed type, SHA-256, and the bytes behind a {@link io.atende.attachment.BlobStore}. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform" })
package io.atende.attachment;
