package io.atende.platform;

/**
 * The thing named does not exist in the caller's account. Another account's data is reported
 * exactly like missing data.
 */
public class NotFoundException extends AtendeException {

    /** @param messageKey key of the localized message, e.g. {@code customer.not_found} */
    public NotFoundException(String messageKey, Object... arguments) {
        super(messageKey, arguments);
    }

    @Override
    public Refusal refusal() {
        return Refusal.NOT_FOUND;
    }
}
