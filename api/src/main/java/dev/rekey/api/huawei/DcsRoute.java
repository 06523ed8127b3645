package dev.rekey.api.huawei;

import java.util.Arrays;
import java.util.List;

/**
 * The DCS operations Rekey serves, recognised by method and path (protocol notes §1). {@code instanceId} is the path
 * segment decoded, not yet checked; it is null for ListInstances.
 */
record DcsRoute(Operation operation, String projectId, String instanceId) {

    enum Operation {
        UPDATE_PASSWORD("UpdatePassword"),
        RESET_PASSWORD("ResetPassword"),
        SHOW_INSTANCE("ShowInstance"),
        LIST_INSTANCES("ListInstances"),
        UPDATE_PASSWORD_V1("UpdatePassword");

        /** The API's name: the audit log's action and the rate-limit key ({@code limits: huawei-dcs: ...}). */
        final String apiName;

        Operation(String apiName) {
            this.apiName = apiName;
        }
    }

    /** The v1.0 API answers its errors in the v1.0 shape; it is judged by the path, so a 404 there is v1.0 too. */
    static boolean isV1Path(String path) {
        return path != null && path.startsWith("/v1.0/");
    }

    boolean v1() {
        return operation == Operation.UPDATE_PASSWORD_V1;
    }

    /** The route of a request, or a 404 DCS.4001 (unknown path) / 405 DCS.5001 (known path, other method). */
    static DcsRoute of(String method, String path) {
        List<String> s = segments(path);
        if (s.size() < 3 || !s.get(2).equals("instances") || !(s.get(0).equals("v2") || s.get(0).equals("v1.0"))) {
            throw unknown(path);
        }
        String project = UriEncoding.decode(s.get(1));
        String instance = s.size() > 3 ? UriEncoding.decode(s.get(3)) : null;
        String tail = String.join("/", s.subList(Math.min(4, s.size()), s.size()));
        Operation op = s.get(0).equals("v1.0") ? v1(s.size(), tail, path) : v2(s.size(), tail, path);
        if (!method.equals(expectedMethod(op))) {
            throw new DcsRefusal("DCS.5001", "This path takes " + expectedMethod(op) + ".");
        }
        return new DcsRoute(op, project, instance);
    }

    private static Operation v2(int size, String tail, String path) {
        if (size == 3) return Operation.LIST_INSTANCES;
        if (size == 4) return Operation.SHOW_INSTANCE;
        if (tail.equals("password")) return Operation.UPDATE_PASSWORD;
        if (tail.equals("password/reset")) return Operation.RESET_PASSWORD;
        throw unknown(path);
    }

    private static Operation v1(int size, String tail, String path) {
        if (size == 5 && tail.equals("password")) return Operation.UPDATE_PASSWORD_V1;
        throw unknown(path);
    }

    static String expectedMethod(Operation op) {
        return switch (op) {
            case UPDATE_PASSWORD, UPDATE_PASSWORD_V1 -> "PUT";
            case RESET_PASSWORD -> "POST";
            case SHOW_INSTANCE, LIST_INSTANCES -> "GET";
        };
    }

    /** Path segments without the leading empty one; trailing empty ones are dropped as the signer drops them. */
    private static List<String> segments(String path) {
        if (path == null || !path.startsWith("/")) return List.of();
        return Arrays.asList(path.substring(1).split("/"));
    }

    private static DcsRefusal unknown(String path) {
        return new DcsRefusal("DCS.4001", "Rekey serves, under /v2/{project_id}/instances: GET (list), GET /{instance_id}, "
                + "PUT /{instance_id}/password, POST /{instance_id}/password/reset; and PUT "
                + "/v1.0/{project_id}/instances/{instance_id}/password.");
    }
}
