package io.atende.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.atende.attachment.AttachmentManagement;
import io.atende.platform.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The files that go with a queued message (an operator's reply, a closing message): the message names the attachments,
 * and their bytes are read from the attachment store only when it is sent, so the outbox holds no copy. A file deleted
 * meanwhile (an erasure) is left out.
 */
@Component
class MailFiles {

    /** A file as it is attached to the e-mail. */
    record OutgoingFile(String name, String contentType, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final AttachmentManagement attachments;

    MailFiles(JdbcClient jdbc, AttachmentManagement attachments) {
        this.jdbc = jdbc;
        this.attachments = attachments;
    }

    /** Records the attachments to send with the message, in the transaction that queued it. */
    void attach(String accountId, String messageId, List<String> attachmentIds) {
        if (messageId == null || attachmentIds.isEmpty()) {
            return;
        }
        jdbc.sql("update mail_message set attachment_ids = :ids where account_id = :account and id = :id")
                .param("ids", String.join(",", attachmentIds)).param("account", accountId).param("id", messageId).update();
    }

    /** The files to attach to the message, read now; none when it has none. */
    List<OutgoingFile> load(String accountId, String messageId) {
        String ids = jdbc.sql("select attachment_ids from mail_message where account_id = :account and id = :id")
                .param("account", accountId).param("id", messageId).query(String.class).optional().orElse(null);
        if (ids == null || ids.isBlank()) {
            return List.of();
        }
        List<OutgoingFile> files = new ArrayList<>();
        for (String id : Arrays.asList(ids.split(","))) {
            try {
                var view = attachments.get(accountId, id);
                var content = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, view.size())));
                attachments.copyContent(accountId, id, content);
                files.add(new OutgoingFile(view.name(), view.contentType(), content.toByteArray()));
            } catch (NotFoundException deleted) {
                // erased since the message was queued: the e-mail goes without it
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return files;
    }
}
