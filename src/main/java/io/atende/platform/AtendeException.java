package io.atende.platform;

import java.util.Arrays;

/**
 * A refusal that the faces turn into a localized message. Modules name the message by key and the
 * {@link Refusal kind}; the text itself and the status it is answered with live with the face.
 */
public abstract class AtendeException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    protected AtendeException(String messageKey, Object... arguments) {
        super(messageKey + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)), null, false, false);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    /** What kind of refusal this is; each face of the application chooses its answer from it. */
    public abstract Refusal refusal();
}
