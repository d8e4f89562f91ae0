package io.atende.platform;

/** A value given by the caller is malformed or out of range; names the offending parameter. */
public class InvalidInputException extends AtendeException {

    private final String parameter;

    /**
     * @param parameter  the input's name as the caller sent it, e.g. {@code email}
     * @param messageKey key of the localized message; its first argument is the parameter name
     */
    public InvalidInputException(String parameter, String messageKey, Object... arguments) {
        super(messageKey, prepend(parameter, arguments));
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    private static Object[] prepend(String first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Override
    public Refusal refusal() {
        return Refusal.INVALID_INPUT;
    }
}
