package dev.rekey.core;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * CVM ResetInstancesPassword on real guests. The batch is checked whole (existence, password rules for the batch's
 * operating systems, busy instances, states) before any guest is touched; then each instance is reset in parallel:
 * a stopped spawned guest offline (hash into its shadow file), a running spawned guest by stopping it (soft, then
 * forced), starting it and setting the password through its agent, a channel guest through its agent online.
 */
public final class GuestPasswordResets {
    public static final String ACTION = "ResetInstancesPassword";

    private final GuestBatch batch;
    private final CvmRecords records;
    private final Duration crashTestPause;

    public GuestPasswordResets(InstanceStore instances, GuestFleet fleet, AuditLog audit, Clock clock, TaskRunner runner) {
        this(instances, fleet, audit, clock, runner, Duration.ZERO);
    }

    /** {@code crashTestPause} holds each reset after the guest took the hash, so a crash test can kill the node there. */
    public GuestPasswordResets(InstanceStore instances, GuestFleet fleet, AuditLog audit, Clock clock, TaskRunner runner,
                               Duration crashTestPause) {
        this.batch = new GuestBatch(instances, fleet, audit, clock, runner);
        this.records = new CvmRecords(instances);
        this.crashTestPause = crashTestPause;
    }

    public CvmOutcome<BatchAccepted> reset(GuestResetRequest r) {
        CvmOutcome<BatchAccepted> outcome = CvmOutcome.of(() -> accept(r));
        if (outcome instanceof CvmOutcome.Refused<BatchAccepted> refused) batch.refused(r.batch(), ACTION, refused.failure());
        return outcome;
    }

    private BatchAccepted accept(GuestResetRequest r) {
        List<CvmInstance> targets = batch.load(r.batch());
        checkPassword(r, targets);
        List<CvmInstance> claimed = batch.claimAll(targets, t -> check(t, r.forceStop()), ACTION,
                r.batch().requestId(), Map.of());
        return batch.run(r.batch(), ACTION, claimed, (target, machine, steps) -> {
            String verified = resetOne(target, machine, steps, userOf(r, target), r.password());
            if (!crashTestPause.isZero()) pause();
            return verified;
        });
    }

    private void pause() {
        try {
            Thread.sleep(crashTestPause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One password for the batch: the Windows rules when any instance runs Windows, against every user it changes. */
    private static void checkPassword(GuestResetRequest r, List<CvmInstance> targets) {
        PasswordPolicy policy = CvmPasswordPolicies.forBatch(targets.stream().anyMatch(CvmInstance::windows));
        var users = new LinkedHashSet<String>();
        for (CvmInstance t : targets) users.add(userOf(r, t));
        for (String user : users) {
            policy.violation(r.password(), user).ifPresent(v -> {
                throw new FailureException(ErrorCode.PASSWORD_RULE, "Password: " + v + " (" + policy.name() + ")");
            });
        }
    }

    private static String userOf(GuestResetRequest r, CvmInstance target) {
        return r.userName() != null ? r.userName() : target.defaultUser();
    }

    private static void check(CvmInstance t, boolean forceStop) {
        GuestBatch.refuseIfOperating(t);
        switch (t.state()) {
            case STOPPED -> {
            }
            case RUNNING -> {
                if (!forceStop) throw GuestBatch.stateRefused(t, "a running instance is reset only with ForceStop=true; "
                        + "stop it first or set ForceStop");
            }
            default -> throw GuestBatch.stateRefused(t, "ResetInstancesPassword needs a STOPPED instance, "
                    + "or a RUNNING one with ForceStop=true");
        }
    }

    /** The hash is recorded before the guest is touched, so a crash in between can be settled from the guest. */
    private String resetOne(CvmInstance target, GuestMachine machine, GuestSteps steps, String user,
                            Secret password) throws EngineException {
        String hash = machine.crypt(password);
        records.pending(target.id(), user, hash);
        if (!machine.powerControlled()) return machine.setPassword(user, hash); // no hypervisor: online, agent-confirmed
        if (target.state() == CvmInstanceState.STOPPED) return machine.setPasswordOffline(user, hash);
        steps.enter(CvmInstanceState.STOPPING);
        if (!(machine.stop(false) || machine.stop(true))) {
            throw new EngineException("the guest did not stop, not even when killed; the password is unchanged");
        }
        steps.outcome(CvmInstanceState.STOPPED); // a failed start leaves it stopped
        steps.enter(CvmInstanceState.STARTING);
        machine.start();
        steps.outcome(CvmInstanceState.RUNNING); // the agent is up: RUNNING, whether or not the set succeeds
        return machine.setPassword(user, hash);
    }
}
