package io.atende.customer;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;

/**
 * Writes the export of everything held about a customer (LGPD/GDPR right of access, docs/data-protection.md) as a ZIP.
 * The file speaks the API's wire format, so the face that owns it implements this; the console offers the same file
 * through it.
 */
public interface CustomerExport {

    /** The ZIP's file name for the customer. */
    static String fileName(String customerId) {
        return "customer-" + customerId + ".zip";
    }

    /**
     * Writes the ZIP of the customer (an id of the account, which the caller found) to {@code out}, with dates in
     * {@code zone}, and records the export in the audit log.
     */
    void write(String accountId, String customerId, ZoneId zone, OutputStream out) throws IOException;
}
