package dev.rekey.core;

import java.util.Locale;

/** A CVM instance read from its attributes: state, operating system, image and latest operation. */
public record CvmInstance(Instance instance, CvmInstanceState state, boolean windows, String image,
                          LatestOperation latest, String stopChargingMode) {

    public static CvmInstance of(Instance i) {
        CvmInstanceState state = CvmInstanceState.parse(i.attributes().get(CvmAttributes.STATE)).orElse(CvmInstanceState.RUNNING);
        boolean windows = "windows".equals(i.attribute(CvmAttributes.OS, "linux").toLowerCase(Locale.ROOT));
        String latestState = i.attributes().get(CvmAttributes.LATEST_OPERATION_STATE);
        var latest = new LatestOperation(i.attributes().get(CvmAttributes.LATEST_OPERATION),
                latestState == null ? null : LatestOperation.State.valueOf(latestState),
                i.attributes().get(CvmAttributes.LATEST_OPERATION_REQUEST_ID),
                i.attributes().get(CvmAttributes.LATEST_OPERATION_ERROR));
        return new CvmInstance(i, state, windows, i.attribute(CvmAttributes.IMAGE, ""), latest,
                i.attribute(CvmAttributes.STOP_CHARGING_MODE, "NOT_APPLICABLE"));
    }

    public String id() {
        return instance.id();
    }

    /** The administrator account ResetInstancesPassword changes when no UserName is given. */
    public String defaultUser() {
        return CvmPasswordPolicies.defaultUser(windows, image);
    }
}
