package dev.rekey.core;

import java.util.List;

/**
 * The password rules of CVM ResetInstancesPassword (2017-03-12), as seed 003 states them, and the default login user
 * by image. A batch that holds any Windows instance uses the Windows rules for every instance.
 */
public final class CvmPasswordPolicies {
    private CvmPasswordPolicies() {
    }

    /**
     * The seed's special characters. Its Windows list shows a blank between {@code '} and {@code <}; the Linux list and
     * the API reference have none, so the blank is taken for a typesetting artefact and is not a special character.
     */
    public static final String SPECIALS = "()`~!@#$%^&*-+=_|{}[]:;'<>,.?/";

    /** Linux: 8-30 characters, at least three classes, not starting with '/'. */
    public static final PasswordPolicy LINUX = new PasswordPolicy(
            "tencent-cvm ResetInstancesPassword (Linux)", 8, 30, 3, SPECIALS, true, PasswordPolicy.UserNameRule.NONE);

    /** Windows: 12-30 characters, at least three classes, not starting with '/', not containing the user name. */
    public static final PasswordPolicy WINDOWS = new PasswordPolicy(
            "tencent-cvm ResetInstancesPassword (Windows)", 12, 30, 3, SPECIALS, true,
            PasswordPolicy.UserNameRule.NOT_CONTAINED_IGNORING_CASE);

    public static PasswordPolicy forBatch(boolean anyWindows) {
        return anyWindows ? WINDOWS : LINUX;
    }

    /** The image's administrator: Administrator on Windows, ubuntu on Ubuntu images, root on other Linux. */
    public static String defaultUser(boolean windows, String image) {
        if (windows) return "Administrator";
        if (image != null && image.toLowerCase(java.util.Locale.ROOT).contains("ubuntu")) return "ubuntu";
        return "root";
    }

    public static List<PasswordPolicy> all() {
        return List.of(LINUX, WINDOWS);
    }
}
