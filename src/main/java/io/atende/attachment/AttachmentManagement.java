package io.atende.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.atende.platform.Ids;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files attached to messages (tickets now, chats later). Stores them in the caller's
 * transaction, so a failed write leaves no orphan file; lists return metadata only.
 */
@Service
public class AttachmentManagement {

    /** At most this many files per request (docs/api.md, Requests). */
    public static final int MAX_FILES = 25;
    static final int MAX_NAME_LENGTH = 250;
    private static final int MAX_EXTENSION_LENGTH = 16;
    /**
     * Bidirectional controls (embeddings, overrides, isolates, marks): they reorder what a reader
     * sees, so {@code invoice<U+202E>fdp.exe} would pose as {@code invoiceexe.pdf}.
     */
    private static final Pattern BIDI_CONTROLS = Pattern.compile("[\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069]");

    private final AttachmentRepository repository;
    private final BlobStore blobs;
    private final Clock clock;

    AttachmentManagement(AttachmentRepository repository, BlobStore blobs, Clock clock) {
        this.repository = repository;
        this.blobs = blobs;
        this.clock = clock;
    }

    /**
     * Stores the files for one owner (e.g. {@code ticket_message} and its id), sniffing each
     * content type and computing its SHA-256 while the bytes stream to the blob store.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<AttachmentView> store(String accountId, String ownerType, String ownerId, List<NewAttachment> files) {
        if (files.size() > MAX_FILES) {
            throw new InvalidInputException("attachment", "attachment.too_many", MAX_FILES);
        }
        List<AttachmentView> stored = new ArrayList<>();
        int position = 0;
        for (var file : files) {
            stored.add(storeOne(accountId, Ids.newId(), ownerType, ownerId, position++, file));
        }
        return stored;
    }

    /**
     * Stores a file an import brought, under the id it had at its source, as the {@code position}-th file of its owner;
     * otherwise as {@link #store} does (its type sniffed, its SHA-256 computed). Joins the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AttachmentView importFile(String accountId, String id, String ownerType, String ownerId, int position, NewAttachment file) {
        return storeOne(accountId, id, ownerType, ownerId, position, file);
    }

    private AttachmentView storeOne(String accountId, String id, String ownerType, String ownerId, int position, NewAttachment file) {
        String name = fileName(file.name());
        try {
            String contentType;
            try (InputStream head = file.content().getInputStream()) {
                byte[] bytes = head.readNBytes(ContentTypes.HEAD);
                contentType = ContentTypes.sniff(bytes, bytes.length, name);
            }
            var digest = MessageDigest.getInstance("SHA-256");
            var counted = new long[1];
            // Metadata first: the content row references it.
            var placeholder = new AttachmentView(id, ownerType, ownerId, name, 0, contentType, "", clock.instant());
            repository.insert(accountId, placeholder, position);
            try (InputStream in = new DigestInputStream(file.content().getInputStream(), digest) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        counted[0] += n;
                    }
                    return n;
                }

                @Override
                public int read() throws IOException {
                    int n = super.read();
                    if (n >= 0) {
                        counted[0]++;
                    }
                    return n;
                }
            }) {
                blobs.put(accountId, id, in, -1);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            repository.complete(accountId, id, counted[0], sha);
            return new AttachmentView(id, ownerType, ownerId, name, counted[0], contentType, sha, placeholder.createdAt());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Hands the files of one owner to another of the same type (a message moved or copied elsewhere keeps its files). */
    @Transactional
    public void moveOwner(String accountId, String ownerType, String fromOwnerId, String toOwnerId) {
        repository.moveOwner(accountId, ownerType, fromOwnerId, toOwnerId);
    }

    /** Deletes the files of the owners, their content included (an erasure of personal data leaves no orphan bytes). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteOwners(String accountId, String ownerType, Collection<String> ownerIds) {
        for (int from = 0; from < ownerIds.size(); from += 500) {
            var batch = List.copyOf(ownerIds).subList(from, Math.min(ownerIds.size(), from + 500));
            for (var attachment : repository.list(accountId, ownerType, batch)) {
                blobs.delete(accountId, attachment.id());
                repository.delete(accountId, attachment.id());
            }
        }
    }

    /** The attachments of the owners, by owner id, each list in upload order. */
    @Transactional(readOnly = true)
    public Map<String, List<AttachmentView>> list(String accountId, String ownerType, Collection<String> ownerIds) {
        Map<String, List<AttachmentView>> byOwner = new LinkedHashMap<>();
        if (ownerIds.isEmpty()) {
            return byOwner;
        }
        for (var attachment : repository.list(accountId, ownerType, ownerIds)) {
            byOwner.computeIfAbsent(attachment.ownerId(), owner -> new ArrayList<>()).add(attachment);
        }
        return byOwner;
    }

    /** The attachment's metadata, or not found (also for another account's attachment). */
    @Transactional(readOnly = true)
    public AttachmentView get(String accountId, String attachmentId) {
        return repository.find(accountId, attachmentId)
                .orElseThrow(() -> new NotFoundException("attachment.not_found", attachmentId));
    }

    /** Streams the attachment's bytes to {@code out}. */
    @Transactional(readOnly = true)
    public void copyContent(String accountId, String attachmentId, OutputStream out) throws IOException {
        if (!blobs.copyTo(accountId, attachmentId, out)) {
            throw new NotFoundException("attachment.not_found", attachmentId);
        }
    }

    /** The name without bidirectional controls; also applied to names stored before they were refused. */
    static String withoutBidiControls(String name) {
        return name == null ? null : BIDI_CONTROLS.matcher(name).replaceAll("");
    }

    private static String fileName(String given) {
        String name = given == null ? "" : withoutBidiControls(given).strip();
        // Browsers on Windows once sent the whole path; keep the last segment only.
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).replaceAll("[\\p{Cntrl}\"]", "_");
        if (name.isEmpty()) {
            name = "attachment";
        }
        return name.length() > MAX_NAME_LENGTH ? shortened(name) : name;
    }

    // The start of the name tells the file apart and the extension tells its kind: the middle goes.
    private static String shortened(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_LENGTH ? name.substring(dot) : "";
        int end = MAX_NAME_LENGTH - extension.length();
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end).strip() + extension;
    }
}
