package io.atende.api.v2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.AttachmentView;
import io.atende.attachment.NewAttachment;

import org.springframework.http.ContentDisposition;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Files on the wire, the same for every endpoint that takes or serves them (docs/api.md, Requests):
 * the {@code attachment[i]} parameters, the {@code {id, name, size, mimetype, url}} shape and the
 * download response. The 25 files / 25 MB limits are enforced before a handler runs
 * ({@link ApiRequestReader}, multipart settings).
 */
final class ApiAttachments {

    static final String PARAM = "attachment";
    static final String PARAM_DESCRIPTION = "Files attachment[0] to attachment[24]; at most 25 files and 25 MB per request";

    private ApiAttachments() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttachmentWire(String id, String name, long size, String mimetype, String url) {
    }

    /** The request's {@code attachment[i]} files, in index order. */
    static List<NewAttachment> read(ApiParams params) {
        return params.files(PARAM).stream().map(file -> new NewAttachment(file.getOriginalFilename(), file)).toList();
    }

    /**
     * The download endpoint's URL to which {@code ?attachment_id=} is appended: absolute when
     * there is a current request, else (a background thread) relative to the server's root.
     */
    static String downloadBase(String endpointPath) {
        String path = ApiRoutes.BASE_PATH + endpointPath;
        return RequestContextHolder.getRequestAttributes() == null ? path
                : ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    static List<AttachmentWire> wires(List<AttachmentView> files, String downloadBase) {
        return files.stream().map(file -> new AttachmentWire(file.id(), file.name(), file.size(), file.contentType(),
                downloadBase + "?attachment_id=" + file.id())).toList();
    }

    /** Streams the file with its sniffed content type, never rendered inline by a browser. */
    static void send(AttachmentManagement attachments, String accountId, AttachmentView attachment, HttpServletResponse response)
            throws IOException {
        response.setStatus(200);
        response.setContentType(attachment.contentType());
        response.setContentLengthLong(attachment.size());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition",
                ContentDisposition.attachment().filename(attachment.name(), StandardCharsets.UTF_8).build().toString());
        attachments.copyContent(accountId, attachment.id(), response.getOutputStream());
        response.flushBuffer();
    }
}
