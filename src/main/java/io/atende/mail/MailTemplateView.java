package io.atende.mail;

/**
 * An account's words for one kind of e-mail in one language: its own when {@code customized}, else a starting point
 * written from Atende's built-in message (which is what is sent until the account saves its own).
 */
public record MailTemplateView(MailKind kind, String language, boolean customized, String subject, String text, String html) {
}
