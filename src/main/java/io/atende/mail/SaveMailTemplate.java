package io.atende.mail;

/** What an admin writes for one kind of e-mail in one language; a blank {@code html} is made from the text. */
public record SaveMailTemplate(MailKind kind, String language, String subject, String text, String html) {
}
