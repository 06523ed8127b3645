package dev.rekey.core;

/**
 * Changes an instance's name, release protection and password in one call. Everything is checked before anything is
 * written and the password change is started before the name is touched, so a refused call changes nothing. A value
 * equal to the current one is no change: a call that changes nothing starts no task. The request's audit record is
 * its dialect's pipeline's ({@link Applied} says what changed).
 */
public final class AttributeChanges {
    private final InstanceStore instances;
    private final Engines engines;
    private final PasswordChanges passwords;
    private final InstanceQueries queries;

    public AttributeChanges(InstanceStore instances, InstanceQueries queries, Engines engines, PasswordChanges passwords) {
        this.instances = instances;
        this.queries = queries;
        this.engines = engines;
        this.passwords = passwords;
    }

    /** What a call did; {@code passwordChange} is null when the password was absent or already the current one. */
    public record Applied(boolean nameChanged, boolean protectionChanged, Accepted passwordChange) {
        public boolean changedNothing() {
            return !nameChanged && !protectionChanged && passwordChange == null;
        }
    }

    public Outcome<Applied> modify(AttributeChange change) {
        return Outcome.of(() -> apply(change));
    }

    private Applied apply(AttributeChange c) {
        Instance instance = queries.visible(c.tenant(), c.product(), c.region(), c.instanceId());
        if (c.newPassword() != null) {
            c.policy().violation(c.newPassword(), instance.account()).ifPresent(v -> {
                throw new FailureException(ErrorCode.PASSWORD_RULE, "NewPassword: " + v);
            });
        }
        boolean rename = c.newName() != null && !c.newName().equals(instance.name());
        boolean protect = c.releaseProtection() != null && c.releaseProtection() != instance.releaseProtection();
        if (instance.busy() && (rename || protect || c.newPassword() != null)) {
            throw new FailureException(PasswordChanges.busy(instance));
        }
        Accepted accepted = null;
        if (c.newPassword() != null && !holdsOnly(instance, c.newPassword())) {
            accepted = startPasswordChange(c);
        }
        if (rename) instances.rename(instance.id(), c.newName());
        if (protect) instances.setReleaseProtection(instance.id(), c.releaseProtection());
        return new Applied(rename, protect, accepted);
    }

    private Accepted startPasswordChange(AttributeChange c) {
        var request = new ChangeRequest(c.tenant(), c.actor(), c.product(), c.region(), c.instanceId(), null,
                c.newPassword(), c.policy(), c.action(), c.requestId());
        return switch (passwords.start(request)) {
            case Outcome.Ok<Accepted> ok -> ok.value();
            case Outcome.Fail<Accepted> fail -> throw new FailureException(fail.failure());
        };
    }

    /**
     * True when the engine already accepts exactly this password and nothing else: setting it again is no change.
     * An engine only another node reaches is not read here: the change goes ahead and is verified there.
     */
    private boolean holdsOnly(Instance instance, Secret password) {
        return engines.local(instance)
                .map(engine -> PasswordChanges.read(engine, instance).holdsExactly(password.sha256Hex()))
                .orElse(false);
    }
}
