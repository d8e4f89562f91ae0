package io.atende.mail;

/** A template rendered for a sample ticket, as the recipient would read it: nothing is sent or stored. */
public record MailPreview(String subject, String text, String html) {
}
