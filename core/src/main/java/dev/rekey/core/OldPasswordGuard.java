package dev.rekey.core;

/**
 * Bookkeeping around the old-password check, run inside the instance's row lock (Huawei's lockout lives here).
 * {@link #onWrongPassword} returns the failure to answer with; its store writes commit with the lock's transaction.
 */
public interface OldPasswordGuard {

    /** May refuse (throw) before the engine is read, e.g. while the instance is locked. */
    void beforeCheck(InstanceStore.LockedInstance locked);

    FailureException onWrongPassword(InstanceStore.LockedInstance locked);

    void onRightPassword(InstanceStore.LockedInstance locked);

    OldPasswordGuard NONE = new OldPasswordGuard() {
        @Override
        public void beforeCheck(InstanceStore.LockedInstance locked) {
        }

        @Override
        public FailureException onWrongPassword(InstanceStore.LockedInstance locked) {
            return new FailureException(ErrorCode.WRONG_OLD_PASSWORD, "OldPassword does not match the instance's current password");
        }

        @Override
        public void onRightPassword(InstanceStore.LockedInstance locked) {
        }
    };
}
