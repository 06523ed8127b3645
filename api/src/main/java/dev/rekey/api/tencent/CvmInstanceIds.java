package dev.rekey.api.tencent;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shape of CVM instance ids on the wire: {@code ins-} and eight lowercase letters or digits. An id with the prefix
 * but a wrong length or character is {@code InvalidInstanceId.Malformed} (the seed's example: ins-1122); one that is
 * not an instance id at all is {@code InvalidParameterValue.InstanceIdMalformed}.
 */
final class CvmInstanceIds {
    static final int MAX = 100;
    private static final Pattern ID = Pattern.compile("ins-[a-z0-9]{8}");

    private CvmInstanceIds() {
    }

    /** The ids of a batch or a filter: at most 100, each well formed, none twice. Presence is the schema's. */
    static List<String> checked(List<String> ids, String name) {
        return ids.isEmpty() ? ids : check(ids, name);
    }

    private static List<String> check(List<String> ids, String name) {
        if (ids.size() > MAX) {
            throw TencentRefusals.of("InvalidParameterValue.LimitExceeded", "the parameter " + name + " has "
                    + ids.size() + " instance ids; at most " + MAX + " are allowed in one request");
        }
        var seen = new HashSet<String>();
        for (String id : ids) {
            checkShape(id);
            if (!seen.add(id)) {
                throw TencentRefusals.of("InvalidParameterValue", "the parameter " + name + " names " + id
                        + " more than once; expected each instance once");
            }
        }
        return ids;
    }

    private static void checkShape(String id) {
        if (ID.matcher(id).matches()) return;
        String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        if (id.startsWith("ins-")) {
            throw TencentRefusals.of("InvalidInstanceId.Malformed", "the instance id '" + shown + "' is malformed: expected"
                    + " ins- followed by 8 lowercase letters or digits, such as ins-r8hr2upy");
        }
        throw TencentRefusals.of("InvalidParameterValue.InstanceIdMalformed", "'" + shown + "' is not an instance id;"
                + " expected ins-xxxxxxxx (x a lowercase letter or a digit)");
    }
}
