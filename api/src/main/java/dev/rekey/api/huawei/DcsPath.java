package dev.rekey.api.huawei;

import dev.rekey.api.UriEncoding;

import java.util.List;

/**
 * A request path matched to its route, with its variables decoded and not yet checked: {@code instanceId} is null for
 * ListInstances, whose template has none.
 */
record DcsPath(DcsRoute route, String projectId, String instanceId) {

    static DcsPath of(DcsRoute route, List<String> template, List<String> segments) {
        String project = null;
        String instance = null;
        for (int i = 0; i < template.size(); i++) {
            if (template.get(i).equals("{project_id}")) project = UriEncoding.decode(segments.get(i));
            if (template.get(i).equals("{instance_id}")) instance = UriEncoding.decode(segments.get(i));
        }
        return new DcsPath(route, project, instance);
    }

    /** The v1.0 API answers its errors in the v1.0 shape; it is judged by the path, so a 404 there is v1.0 too. */
    static boolean isV1Path(String path) {
        return path != null && path.startsWith("/v1.0/");
    }

    boolean v1() {
        return route == DcsRoute.UPDATE_PASSWORD_V1;
    }
}
