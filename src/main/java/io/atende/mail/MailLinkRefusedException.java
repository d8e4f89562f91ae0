package io.atende.mail;

import io.atende.platform.AtendeException;
import io.atende.platform.Refusal;

/** A link from an e-mail that was altered or made up ({@code mail_link.invalid}) or has expired ({@code mail_link.expired}). */
public class MailLinkRefusedException extends AtendeException {

    private MailLinkRefusedException(String messageKey) {
        super(messageKey);
    }

    static MailLinkRefusedException invalid() {
        return new MailLinkRefusedException("mail_link.invalid");
    }

    static MailLinkRefusedException expired() {
        return new MailLinkRefusedException("mail_link.expired");
    }

    @Override
    public Refusal refusal() {
        return Refusal.FORBIDDEN;
    }
}
