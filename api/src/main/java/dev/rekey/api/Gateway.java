package dev.rekey.api;

import dev.rekey.core.Cloud;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies each request by its cloud and hands it to that cloud's {@link Pipeline}; a request no cloud claims gets a
 * plain 400 that says why.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private final Map<Cloud, Pipeline<?>> pipelines;

    public Gateway(Map<Cloud, Pipeline<?>> pipelines) {
        this.pipelines = new EnumMap<>(Cloud.class);
        this.pipelines.putAll(pipelines);
    }

    /** A request whose body was not read because it is over {@code limitBytes}: its cloud answers as it documents. */
    public HttpAnswer tooLarge(RawRequest headersOnly, long limitBytes) {
        WireRequest request = WireRequest.of(headersOnly);
        Optional<Cloud> cloud = RequestClassifier.classify(request);
        Pipeline<?> pipeline = cloud.map(pipelines::get).orElse(null);
        if (pipeline == null) return HttpAnswer.tooLarge(limitBytes);
        return pipeline.tooLarge(request, limitBytes);
    }

    public HttpAnswer handle(RawRequest raw) {
        WireRequest request = WireRequest.of(raw);
        Optional<Cloud> cloud;
        try {
            cloud = RequestClassifier.classify(request);
        } catch (IllegalArgumentException e) {
            // a malformed %XX sequence: the client's fault, not an internal error
            return HttpAnswer.json(400, "{\"error\":\"malformed percent-encoding in the query string or form body\"}");
        }
        if (cloud.isEmpty()) {
            return HttpAnswer.json(400, "{\"error\":\"unrecognised request: expected a Tencent Cloud (TC3-HMAC-SHA256 or SecretId), "
                    + "Alibaba Cloud (ACS3-HMAC-SHA256 or AccessKeyId) or Huawei Cloud (/v2/, /v1.0/) API call\"}");
        }
        Pipeline<?> pipeline = pipelines.get(cloud.get());
        Access unanswered = Access.of(cloud.get().name().toLowerCase(Locale.ROOT), null);
        if (pipeline == null) {
            return HttpAnswer.json(400, "{\"error\":\"this Rekey does not serve " + cloud.get() + " API calls yet\"}").with(unanswered);
        }
        try {
            return pipeline.handle(request);
        } catch (RuntimeException e) {
            LOG.error("the {} pipeline failed", cloud.get(), e);
            return HttpAnswer.json(500, "{\"error\":\"internal error\"}").with(unanswered);
        }
    }
}
