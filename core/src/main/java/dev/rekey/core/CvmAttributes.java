package dev.rekey.core;

/**
 * Names of the instance attributes that hold a CVM instance's model: its state, its latest operation, and what the
 * configuration says about its image. Kept in the store, so they survive restarts and every node sees them.
 */
public final class CvmAttributes {
    private CvmAttributes() {
    }

    /** {@link CvmInstanceState} name; absent means RUNNING. */
    public static final String STATE = "instance-state";
    /** {@code linux} or {@code windows} (configuration key {@code os}). */
    public static final String OS = "os";
    /** The image name shown as OsName, e.g. ubuntu-22.04 (configuration key {@code image}). */
    public static final String IMAGE = "image";
    public static final String LATEST_OPERATION = "latest-operation";
    public static final String LATEST_OPERATION_STATE = "latest-operation-state";
    public static final String LATEST_OPERATION_REQUEST_ID = "latest-operation-request-id";
    public static final String LATEST_OPERATION_ERROR = "latest-operation-error";
    /** How the latest successful password operation was verified (shadow hash, or agent-confirmed). */
    public static final String LATEST_OPERATION_VERIFIED = "latest-operation-verified";
    /** StopInstances' StoppedMode as shown in StopChargingMode. */
    public static final String STOP_CHARGING_MODE = "stop-charging-mode";
    /**
     * While a reset runs: the user and the $6$ hash being applied (a salted hash, as the guest's shadow keeps it,
     * never the password), so that a restart can tell from the guest whether the interrupted reset took effect.
     */
    public static final String PENDING_USER = "pending-user";
    public static final String PENDING_HASH = "pending-hash";

    /** Every attribute an operation writes, so that a refused claim can put all of them back. */
    static final String[] OPERATION_KEYS = {STATE, LATEST_OPERATION, LATEST_OPERATION_STATE, LATEST_OPERATION_REQUEST_ID,
            LATEST_OPERATION_ERROR, LATEST_OPERATION_VERIFIED, STOP_CHARGING_MODE};
}
