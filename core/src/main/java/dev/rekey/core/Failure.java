package dev.rekey.core;

/**
 * A refusal or failure of the core: a product-neutral {@link ErrorCode} every dialect maps, and a message that names
 * the rule, never a secret. The sub-types carry what some products show beside the code (attempts left, the state
 * that refused, the operation that holds the instance); a dialect that needs them switches over this type.
 */
public sealed interface Failure {
    ErrorCode code();

    String message();

    static Failure of(ErrorCode code, String message) {
        return new Plain(code, message);
    }

    /** Any failure that carries nothing but its code and message. */
    record Plain(ErrorCode code, String message) implements Failure {
    }

    /** A wrong old password on an instance with a lockout: {@code retriesLeft} more wrong ones lock it. */
    record WrongOldPassword(int retriesLeft, String message) implements Failure {
        public ErrorCode code() {
            return ErrorCode.WRONG_OLD_PASSWORD;
        }
    }

    /** Too many wrong old passwords: the instance refuses changes for {@code minutesLeft} more minutes. */
    record Locked(long minutesLeft, String message) implements Failure {
        public ErrorCode code() {
            return ErrorCode.INSTANCE_LOCKED;
        }
    }

    /** The instance's CVM state does not allow the action (a running instance without ForceStop, a frozen one). */
    record CvmStateRefused(String instanceId, CvmInstanceState state, String message) implements Failure {
        public ErrorCode code() {
            return ErrorCode.OPERATION_NOT_ALLOWED;
        }
    }

    /** An operation that has not ended holds the instance; {@code action} is its cloud name. */
    record OperationRunning(String instanceId, long operationId, String action, String requestId, String message)
            implements Failure {
        public ErrorCode code() {
            return ErrorCode.INSTANCE_BUSY;
        }
    }

    /** A failure read back from an operation's row ({@link Operation#failure()}): the detail says which kind. */
    static Failure restore(ErrorCode code, String message, Integer detail) {
        if (code == ErrorCode.WRONG_OLD_PASSWORD && detail != null) return new WrongOldPassword(detail, message);
        if (code == ErrorCode.INSTANCE_LOCKED && detail != null) return new Locked(detail, message);
        return of(code, message);
    }

    /** The number a lockout failure reports, for storing beside its code; null for the others. */
    static Integer detailOf(Failure f) {
        return switch (f) {
            case WrongOldPassword w -> w.retriesLeft();
            case Locked l -> (int) l.minutesLeft();
            case Plain p -> null;
            case CvmStateRefused s -> null;
            case OperationRunning r -> null;
        };
    }
}
