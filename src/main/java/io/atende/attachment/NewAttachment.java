package io.atende.attachment;

import org.springframework.core.io.InputStreamSource;

/** A file to store: the name the sender gave it and a source of its bytes (read twice at most). */
public record NewAttachment(String name, InputStreamSource content) {
}
