package dev.rekey.core;

/**
 * The states one instance passes through while its operation runs. {@link #enter} shows a transition at once
 * (STOPPING, STARTING); {@link #outcome} names the state that is recorded together with the operation's end, on
 * success or failure, so "RUNNING" and "SUCCESS" appear in the same write.
 */
final class GuestSteps {
    private final CvmRecords records;
    private final String instanceId;
    private CvmInstanceState outcome;

    GuestSteps(CvmRecords records, String instanceId, CvmInstanceState start) {
        this.records = records;
        this.instanceId = instanceId;
        this.outcome = start;
    }

    void enter(CvmInstanceState state) {
        records.state(instanceId, state);
    }

    void outcome(CvmInstanceState state) {
        this.outcome = state;
    }

    CvmInstanceState outcome() {
        return outcome;
    }
}
