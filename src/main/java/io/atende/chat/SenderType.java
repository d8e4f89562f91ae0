package io.atende.chat;

/** Who wrote a chat message: an operator (attendant), the customer, or the system itself. */
public enum SenderType {
    OPERATOR,
    CUSTOMER,
    SYSTEM
}
