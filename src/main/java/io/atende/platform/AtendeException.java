package io.atende.platform;

import java.util.Arrays;

/**
 * A refusal that the HTTP layer turns into a localized message. Modules name the message by key;
 * the text itself lives with the API that renders it.
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

    /** The HTTP status every face of the application (API, console, portal, widget) answers this refusal with. */
    public abstract int status();
}
