package dev.rekey.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Routes each request to its cloud's dialect; a request no cloud claims gets a plain 400 that says why. */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private final Map<RequestClassifier.Route, Dialect> dialects;

    public Gateway(Map<RequestClassifier.Route, Dialect> dialects) {
        this.dialects = new EnumMap<>(dialects);
    }

    /** A request whose body was not read because it is over {@code limitBytes}: its cloud answers as it documents. */
    public HttpAnswer tooLarge(RawRequest headersOnly, long limitBytes) {
        var route = RequestClassifier.classify(headersOnly);
        Dialect dialect = route.map(dialects::get).orElse(null);
        if (dialect == null) return HttpAnswer.tooLarge(limitBytes);
        HttpAnswer answer = dialect.tooLarge(headersOnly, limitBytes);
        return answer.access() == Access.UNCLASSIFIED ? answer.with(Access.of(cloud(route.get()), null)) : answer;
    }

    public HttpAnswer handle(RawRequest request) {
        Optional<RequestClassifier.Route> route;
        try {
            route = RequestClassifier.classify(request);
        } catch (IllegalArgumentException e) {
            // URLDecoder's refusal of a malformed %XX sequence: the client's fault, not an internal error.
            return HttpAnswer.json(400, "{\"error\":\"malformed percent-encoding in the query string or form body\"}");
        }
        if (route.isEmpty()) {
            return HttpAnswer.json(400, "{\"error\":\"unrecognised request: expected a Tencent Cloud (TC3-HMAC-SHA256 or SecretId), "
                    + "Alibaba Cloud (ACS3-HMAC-SHA256 or AccessKeyId) or Huawei Cloud (/v2/, /v1.0/) API call\"}");
        }
        Dialect dialect = dialects.get(route.get());
        Access unanswered = Access.of(cloud(route.get()), null);
        if (dialect == null) {
            return HttpAnswer.json(400, "{\"error\":\"this Rekey does not serve " + route.get() + " API calls yet\"}").with(unanswered);
        }
        try {
            return dialect.handle(request);
        } catch (RuntimeException e) {
            LOG.error("dialect {} failed", route.get(), e);
            return HttpAnswer.json(500, "{\"error\":\"internal error\"}").with(unanswered);
        }
    }

    /** The cloud's name in access lines: {@code tencent}, {@code aliyun}, {@code huawei}. */
    private static String cloud(RequestClassifier.Route route) {
        return route.name().toLowerCase(Locale.ROOT);
    }
}
