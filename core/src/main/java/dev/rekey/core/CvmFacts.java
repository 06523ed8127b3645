package dev.rekey.core;

/**
 * What a CVM instance has beyond any instance: its modelled power state, how StopInstances stopped it
 * (StopChargingMode), and its operating system and image as the configuration declares them.
 */
public record CvmFacts(CvmInstanceState state, String stopChargingMode, boolean windows, String image) {

    public static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    public CvmFacts withState(CvmInstanceState next) {
        return new CvmFacts(next, stopChargingMode, windows, image);
    }

    /** The administrator account ResetInstancesPassword changes when no UserName is given. */
    public String defaultUser() {
        return CvmPasswordPolicies.defaultUser(windows, image);
    }
}
