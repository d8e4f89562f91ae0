package io.atende.attachment;

import java.time.Instant;

/**
 * A stored file's metadata; never its bytes.
 *
 * @param contentType sniffed from the bytes, not taken from the sender
 * @param sha256      lower-case hex of the content's SHA-256
 */
public record AttachmentView(String id, String ownerType, String ownerId, String name, long size, String contentType,
                             String sha256, Instant createdAt) {
}
