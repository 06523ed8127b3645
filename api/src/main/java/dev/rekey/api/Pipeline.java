package dev.rekey.api;

import dev.rekey.core.AuditLog;
import dev.rekey.core.Credential;
import dev.rekey.core.FailureException;
import dev.rekey.core.Limits;
import dev.rekey.core.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The one chain every request of a cloud runs, in this order: admit (what only the wire can refuse) → authenticate →
 * resolve the route → rate-limit → parse the route's parameters once into a typed call → the route's handler (a core
 * use case) → serialize in the cloud's shape. The first stage that refuses ends the chain; its refusal is rendered
 * by the dialect. The access line's facts are filled here, as each stage learns them, and every request to a
 * mutating route gets exactly one audit record, whatever stage ended it.
 */
public final class Pipeline<R> {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private final Dialect<R> dialect;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final Auditor auditor;
    private final String cloud;

    public Pipeline(Dialect<R> dialect, RateLimiter rateLimiter, Limits limits, AuditLog audit, Clock clock) {
        this.dialect = dialect;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.auditor = new Auditor(audit, clock);
        this.cloud = dialect.cloud().name().toLowerCase(Locale.ROOT);
    }

    public HttpAnswer handle(WireRequest request) {
        return new Run(dialect.read(request)).answer();
    }

    /** A request whose body was not read because it is over {@code limitBytes}: refused as the cloud documents. */
    public HttpAnswer tooLarge(WireRequest headersOnly, long limitBytes) {
        Optional<Refusal> refusal = dialect.tooLarge(limitBytes);
        if (refusal.isEmpty()) return HttpAnswer.tooLarge(limitBytes).with(Access.of(cloud, null));
        return new Run(dialect.read(headersOnly)).refused(refusal.get());
    }

    /** One request on its way through the chain, with what the stages have learnt so far. */
    private final class Run {
        private final R request;
        private final String requestId;
        private Subject subject = Subject.NONE;
        private Access access;
        private Credential caller;
        private Route route;
        /** Set once the request's audit record is written, so that nothing after it writes a second one. */
        private boolean audited;

        Run(R request) {
            this.request = request;
            this.requestId = dialect.requestId(request);
            this.access = Access.of(cloud, requestId);
            learn();
        }

        HttpAnswer answer() {
            try {
                return chain();
            } catch (Refusal refusal) {
                return refused(refusal);
            } catch (FailureException e) {
                if (route == null) return failed(e);
                return refused(route.spec().refusal(e.failure()));
            } catch (RuntimeException e) {
                return failed(e);
            }
        }

        private HttpAnswer chain() {
            dialect.admit(request);
            learn();
            caller = authenticate();
            access = access.withTenant(caller.tenant());
            route = dialect.resolve(request, caller);
            learn();
            rateLimit();
            Call call = parse();
            Answer answer = route.handler().handle(call);
            audit(call, answer);
            if (answer.refusal() != null) return render(answer.refusal());
            return dialect.success(request, route, answer.fields()).with(access);
        }

        /** The call as its handler sees it: the route's parameters checked once against its schema. */
        private Call parse() {
            RouteSpec<?> spec = route.spec();
            return new Call(requestId, caller, spec.action(), spec.mode(), dialect.region(request),
                    dialect.parse(request, route));
        }

        private void audit(Call call, Answer answer) {
            if (!route.spec().mutates()) return;
            audited = true;
            auditor.answered(call, subject, answer.did());
        }

        private Credential authenticate() {
            return switch (dialect.authenticate(request)) {
                case AuthResult.Authenticated a -> a.credential();
                case AuthResult.Rejected r -> throw r.refusal();
            };
        }

        private void rateLimit() {
            RateLimit limit = route.spec().rateLimit();
            if (!limit.applies()) return;
            rateLimiter.acquire(limit.bucket(caller.tenant(), dialect.region(request)), limit.perSecond(limits));
        }

        /** Takes up what the request names now that one more stage has read it. */
        private void learn() {
            Subject now = dialect.subject(request);
            if (now.route() == null && now.action() == null && now.instances().isEmpty()) return;
            subject = now;
            access = access.withAction(now.action()).withInstance(now.instance());
        }

        HttpAnswer refused(Refusal refusal) {
            RouteSpec<?> spec = unaudited();
            if (spec != null) auditor.refused(spec, caller, subject, refusal, requestId);
            return render(refusal);
        }

        private HttpAnswer failed(RuntimeException e) {
            LOG.error("internal error, {} request {}", cloud, requestId, e);
            RouteSpec<?> spec = unaudited();
            if (spec != null) auditor.failed(spec, caller, subject, requestId);
            return render(dialect.internalError(request));
        }

        /**
         * The route the request is for (resolved, or as far as it could be read) when it changes anything and its
         * audit record is still to be written; marks it written.
         */
        private RouteSpec<?> unaudited() {
            RouteSpec<?> spec = route != null ? route.spec() : subject.route();
            if (spec == null || !spec.mutates() || audited) return null;
            audited = true;
            return spec;
        }

        private HttpAnswer render(Refusal refusal) {
            return dialect.refusal(request, refusal).with(access.failed(dialect.shownCode(request, refusal)));
        }
    }
}
