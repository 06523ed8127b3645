package dev.rekey.core;

import java.util.List;

/** A CVM action on a batch of instances, as the dialect read it: ids already checked for shape and count. */
public record GuestBatchRequest(String tenant, String actor, String region, List<String> instanceIds, String requestId) {

    public GuestBatchRequest {
        instanceIds = List.copyOf(instanceIds);
    }
}
