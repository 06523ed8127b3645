package dev.rekey.api.tencent;

/** A Tencent error answer: the code clients key on and a message that names the parameter and the rule. */
public final class TencentError extends RuntimeException {
    private final String code;

    public TencentError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
