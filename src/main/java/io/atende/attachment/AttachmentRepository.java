package io.atende.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class AttachmentRepository {

    private static final String COLUMNS = "id, owner_type, owner_id, name, size, content_type, sha256, created_at";

    private final JdbcClient jdbc;

    AttachmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, AttachmentView attachment, int position) {
        jdbc.sql("""
                insert into attachment (account_id, id, owner_type, owner_id, position, name, size, content_type, sha256, created_at)
                values (:account, :id, :ownerType, :ownerId, :position, :name, :size, :type, :sha, :now)""")
                .param("account", accountId).param("id", attachment.id()).param("ownerType", attachment.ownerType())
                .param("ownerId", attachment.ownerId()).param("position", position).param("name", attachment.name())
                .param("size", attachment.size()).param("type", attachment.contentType()).param("sha", attachment.sha256())
                .param("now", utc(attachment.createdAt()))
                .update();
    }

    void moveOwner(String accountId, String ownerType, String fromOwnerId, String toOwnerId) {
        jdbc.sql("update attachment set owner_id = :to where account_id = :account and owner_type = :type and owner_id = :from")
                .param("to", toOwnerId).param("account", accountId).param("type", ownerType).param("from", fromOwnerId).update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from attachment where account_id = :account and id = :id").param("account", accountId).param("id", id).update();
    }

    void complete(String accountId, String id, long size, String sha256) {
        jdbc.sql("update attachment set size = :size, sha256 = :sha where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).param("size", size).param("sha", sha256).update();
    }

    List<AttachmentView> list(String accountId, String ownerType, Collection<String> ownerIds) {
        return jdbc.sql("select " + COLUMNS + " from attachment where account_id = :account and owner_type = :ownerType"
                        + " and owner_id in (:owners) order by owner_id, position")
                .param("account", accountId).param("ownerType", ownerType).param("owners", ownerIds)
                .query(AttachmentRepository::map).list();
    }

    Optional<AttachmentView> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from attachment where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(AttachmentRepository::map).optional();
    }

    private static AttachmentView map(ResultSet rs, int rowNum) throws SQLException {
        return new AttachmentView(rs.getString("id"), rs.getString("owner_type"), rs.getString("owner_id"),
                AttachmentManagement.withoutBidiControls(rs.getString("name")),
                rs.getLong("size"), rs.getString("content_type"), rs.getString("sha256"), instant(rs, "created_at"));
    }
}
