package io.atende.knowledge;

/** An image of the knowledge base, served publicly by its id: its sniffed type and size in bytes. */
public record KbImage(String id, String contentType, long size) {
}
