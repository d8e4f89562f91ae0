package io.atende.chat;

/** Who wrote a chat message: an operator (attendant), the customer, or the system itself. */
public enum SenderType {
    OPERATOR("A"),
    CUSTOMER("C"),
    SYSTEM("S");

    private final String code;

    SenderType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static SenderType ofCode(String code) {
        for (var type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown sender type " + code);
    }
}
