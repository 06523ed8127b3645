package dev.rekey.core;

/**
 * ResetInstancesPassword: one password for every instance of the batch. {@code userName} null means each instance's
 * administrator by image; {@code forceStop} allows running instances.
 */
public record GuestResetRequest(GuestBatchRequest batch, String userName, Secret password, boolean forceStop) {
}
