package io.atende.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where attachment bytes live. The database implementation keeps them in their own table, in
 * the caller's transaction; an object store (S3-compatible) can take its place for large installations.
 */
public interface BlobStore {

    /** Stores the content under the attachment's id. */
    void put(String accountId, String attachmentId, InputStream content, long size) throws IOException;

    /** Writes the content to {@code out}; {@code false} when there is none. */
    boolean copyTo(String accountId, String attachmentId, OutputStream out) throws IOException;

    /** Removes the content stored under the attachment's id, if any. */
    void delete(String accountId, String attachmentId);
}
