package dev.rekey.core;

import java.util.List;
import java.util.Optional;

/** What a tenant may see: its instances and its operations; another tenant's look exactly like missing ones. */
public final class InstanceQueries {
    private final InstanceStore instances;
    private final OperationStore operations;

    public InstanceQueries(InstanceStore instances, OperationStore operations) {
        this.instances = instances;
        this.operations = operations;
    }

    /** The instance as the caller may see it, or {@link ErrorCode#INSTANCE_NOT_FOUND}. */
    public Instance visible(String tenant, Product product, String region, String id) {
        return instances.find(id)
                .filter(i -> i.visibleTo(tenant, product, region))
                .orElseThrow(() -> new FailureException(ErrorCode.INSTANCE_NOT_FOUND,
                        "the instance " + id + " does not exist"));
    }

    public List<Instance> list(String tenant, Product product) {
        return instances.list(tenant, product);
    }

    /** An operation as its tenant may see it; a refused request never became a task, so it is not shown. */
    public Optional<Operation> operation(String tenant, long id) {
        return operations.find(id).filter(o -> o.tenant().equals(tenant) && o.state() != OperationState.REFUSED);
    }
}
