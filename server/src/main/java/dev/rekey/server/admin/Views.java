package dev.rekey.server.admin;

import dev.rekey.core.AuditEntry;
import dev.rekey.core.Instance;
import dev.rekey.core.Lockout;
import dev.rekey.core.Operation;
import dev.rekey.core.Proof;
import dev.rekey.server.EngineHealth;
import dev.rekey.store.JdbcAuditLog;
import dev.rekey.store.JdbcTenants;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the admin API answers, one record per JSON shape (keys in kebab case, as the configuration spells them; times
 * in ISO-8601 UTC). No view has a field for a secret, except {@link CreatedKey}, answered once when a key is made.
 */
final class Views {
    private Views() {
    }

    record Error(String error, String message, String field, String requestId) {
    }

    /** A page of a list; {@code next} is the cursor for the next page ({@code after} or {@code before}), null at the end. */
    record Page<T>(List<T> items, String next) {
    }

    record Key(String cloud, String keyId, String projectId, String source, String createdAt) {
        static Key of(JdbcTenants.Key k) {
            return new Key(Views.cloud(k.cloud()), k.keyId(), k.projectId(), k.source(), time(k.createdAt()));
        }
    }

    record Tenant(String name, String source, String createdAt, List<Key> keys) {
        static Tenant of(JdbcTenants.Tenant t, List<JdbcTenants.Key> keys) {
            return new Tenant(t.name(), t.source(), time(t.createdAt()), keys.stream().map(Key::of).toList());
        }
    }

    /** A key pair just made: the only answer that ever holds a secret. {@code revoked} names the key a rotation replaced. */
    record CreatedKey(String tenant, String cloud, String keyId, String secret, String projectId, String createdAt,
                      String revoked) {
    }

    record Engine(String kind, Boolean spawn, String host, int port, String ownerNode, boolean attachedHere,
                  Boolean reachable, String problem, String checkedAt, String version, String adminUser, String user,
                  List<String> users, String channel) {
    }

    record Lock(int failures, boolean locked, String lockedUntil) {
        static Lock of(Lockout l, long nowMillis) {
            return new Lock(l.failures(), l.lockedUntilMillis() > nowMillis,
                    l.lockedUntilMillis() == 0 ? null : time(Instant.ofEpochMilli(l.lockedUntilMillis())));
        }
    }

    record Latest(long id, String action, String state, String requestId, String message) {
    }

    record Cvm(String state, String os, String image, String stopChargingMode) {
    }

    record InstanceView(String id, String tenant, String product, String region, String name, String source,
                        String state, String status, Engine engine, Long activeOperation, Lock lock,
                        Latest latestOperation, Cvm cvm, String createdAt) {
    }

    record Registered(int registered, List<String> ids) {
    }

    record Lease(String owner, long epoch) {
    }

    /** One node's fresh logins: {@code next}/{@code old} are accepted, refused, unreachable or not-checked. */
    record NodeLogin(String address, String role, String next, String old) {
    }

    /** How a stage of the operation was verified ({@code change}, or {@code window}: the old password removed). */
    record ProofView(String stage, String summary, String at, List<NodeLogin> nodes) {
        static ProofView of(Proof p) {
            var logins = p.logins();
            return new ProofView(p.stage(), p.summary(), logins == null ? null : time(logins.at()), logins == null ? null
                    : logins.nodes().stream().map(n -> new NodeLogin(n.address(), lower(n.role()), lower(n.next()),
                    lower(n.old()))).toList());
        }
    }

    record Result(String message, String errorCode, Integer errorDetail, List<ProofView> proofs) {
    }

    /** Which clients may still use an old password, per node (see core.PasswordUse). */
    record PasswordUseView(String at, int connectionsFromBeforeTheChange, long refusedLogins, List<NodeUseView> nodes) {
    }

    record NodeUseView(String address, int openedBeforeChange, int openedSinceChange, long refusedLogins,
                       List<String> refusedFrom) {
    }

    /** The overlap window of a password change: its length, when it ends (once open), and a roll-back asked for. */
    record Window(String overlap, String dueAt, boolean rollBack) {
    }

    record OperationView(long id, String instance, String tenant, String kind, String action, String requestId,
                         String state, boolean finished, String applierNode, Lease lease, String createdAt,
                         String finishedAt, Result result, Window window) {
        static OperationView of(Operation o) {
            var r = o.result();
            var w = o.window();
            return new OperationView(o.id(), o.instanceId(), o.tenant(), lower(o.kind()), o.action(), o.requestId(),
                    lower(o.state()), o.state().finished(), o.applierNode(),
                    o.leaseOwner() == null && o.leaseEpoch() == 0 ? null : new Lease(o.leaseOwner(), o.leaseEpoch()),
                    time(o.createdAt()), time(o.finishedAt()),
                    new Result(r.message() == null || r.message().isEmpty() ? null : r.message(), r.errorCode(),
                            r.errorDetail(), r.proofs().stream().map(ProofView::of).toList()),
                    w.open() ? new Window(w.overlap().toString(), time(w.dueAt()), w.rollBack()) : null);
        }
    }

    record AuditRecord(long id, String at, String tenant, String actor, String action, String instance, String outcome,
                       String outcomeCode, String requestId, String sourceAddress) {
        static AuditRecord of(JdbcAuditLog.Stored s) {
            AuditEntry e = s.entry();
            return new AuditRecord(s.id(), time(e.at()), e.tenant(), e.actor(), e.action(), e.instanceId(), e.outcome(),
                    e.outcomeCode(), e.requestId(), e.sourceAddress());
        }
    }

    /**
     * An instance with what this node knows of its engine. {@code status} sums it up for a table: retired, busy (an
     * operation holds it), locked (too many wrong passwords), unreachable (its engine did not answer the last probe, or
     * could not be attached), remote (its engine is attached on another node only), ready, or unknown (not probed yet).
     */
    static InstanceView instance(Instance i, Map<String, String> engineConfig, Lockout lockout, EngineHealth health,
                                 String node, long nowMillis) {
        boolean here = health.attachedHere(i.id());
        var h = health.of(i.id()).orElse(null);
        String problem = h != null ? h.problem() : health.attachProblem(i.id()).orElse(null);
        Boolean reachable = h != null ? Boolean.valueOf(h.up()) : problem != null ? Boolean.FALSE : null;
        var ec = engineConfig;
        var engine = new Engine(lower(i.engineKind()), ec == null ? null : Boolean.valueOf(ec.get("spawn")), i.host(),
                i.port(), i.ownerNode(), here, reachable, problem, h == null ? null : time(h.checkedAt()), i.engineVersion(),
                ec == null ? null : ec.get("admin-user"), ec == null ? null : ec.get("user"),
                ec == null || !ec.containsKey("users") ? null : List.of(ec.get("users").split(",")),
                ec == null ? null : ec.get("channel"));
        var lock = Lock.of(lockout, nowMillis);
        var latest = i.latest() == null ? null : new Latest(i.latest().id(), i.latest().action(), lower(i.latest().state()),
                i.latest().requestId(), i.latest().errorMessage() == null || i.latest().errorMessage().isEmpty() ? null : i.latest().errorMessage());
        var cvm = i.cvm() == null ? null : new Cvm(i.cvm().state().name(), i.cvm().windows() ? "windows" : "linux",
                i.cvm().image(), i.cvm().stopChargingMode());
        boolean retired = i.state() == dev.rekey.core.InstanceState.RETIRED;
        String status = retired ? "retired" : i.busy() ? "busy" : lock.locked() ? "locked"
                : Boolean.FALSE.equals(reachable) ? "unreachable"
                : !here && i.ownerNode() != null && !i.ownerNode().equals(node) ? "remote"
                : Boolean.TRUE.equals(reachable) || (here && i.engineKind() == dev.rekey.core.EngineKind.GUEST) ? "ready" : "unknown";
        return new InstanceView(i.id(), i.tenant(), i.product().key(), i.region(), i.name(), i.source(),
                retired ? "retired" : "active", status, engine, i.activeOperation(), lock, latest, cvm, time(i.createdAt()));
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static String cloud(dev.rekey.core.Cloud c) {
        return lower(c);
    }
}
