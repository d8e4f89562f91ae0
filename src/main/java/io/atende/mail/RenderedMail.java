package io.atende.mail;

/** A message's subject and bodies in the recipient's language; {@code html} may be {@code null}. */
record RenderedMail(String subject, String text, String html) {
}
