package io.atende.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Attachment bytes in the {@code attachment_content} table, streamed in and out rather than held whole. */
@Component
class DatabaseBlobStore implements BlobStore {

    private final JdbcTemplate jdbc;

    DatabaseBlobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String accountId, String attachmentId, InputStream content, long size) {
        jdbc.update("insert into attachment_content (account_id, id, content) values (?, ?, ?)", statement -> {
            statement.setString(1, accountId);
            statement.setString(2, attachmentId);
            statement.setBinaryStream(3, content);
        });
    }

    @Override
    public boolean copyTo(String accountId, String attachmentId, OutputStream out) {
        Boolean found = jdbc.query("select content from attachment_content where account_id = ? and id = ?", rs -> {
            if (!rs.next()) {
                return false;
            }
            try (InputStream in = rs.getBinaryStream(1)) {
                in.transferTo(out);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            return true;
        }, accountId, attachmentId);
        return Boolean.TRUE.equals(found);
    }

    @Override
    public void delete(String accountId, String attachmentId) {
        jdbc.update("delete from attachment_content where account_id = ? and id = ?", accountId, attachmentId);
    }
}
