package dev.rekey.server;

import dev.rekey.core.EngineKind;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;
import dev.rekey.core.SecretBox;
import dev.rekey.store.JdbcCatalog;
import dev.rekey.store.JdbcFleet;
import dev.rekey.store.JdbcTenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Puts the configuration into the store, idempotently: the same file twice changes nothing. */
final class ConfigApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigApplier.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcCatalog catalog;
    private final JdbcTenants tenants;
    private final JdbcFleet fleet;
    private final SecretBox box;

    ConfigApplier(JdbcCatalog catalog, JdbcTenants tenants, JdbcFleet fleet, SecretBox box) {
        this.catalog = catalog;
        this.tenants = tenants;
        this.fleet = fleet;
        this.box = box;
    }

    void apply(RekeyConfig config) {
        tenants.declare(config.tenants());
        catalog.replaceCredentials(config.credentials());
        var ids = new HashSet<String>();
        for (RekeyConfig.InstanceConfig ic : config.instances()) {
            ids.add(ic.id());
            boolean created = catalog.upsertInstance(row(ic));
            if (created) LOG.info("instance {} created ({}, {})", ic.id(), ic.product().key(), ic.engine().kind());
            if (!ic.engine().spawn() && ic.engine().kind() != EngineKind.GUEST) {
                catalog.setAddress(ic.id(), host(ic.engine()), port(ic.engine()), null);
            }
        }
        List<String> retired = catalog.retireAllBut(ids);
        retired.forEach(id -> LOG.info("instance {} is no longer configured: retired, history kept", id));
        // the other nodes look at the instances again (a changed engine block, a retired instance)
        fleet.bump();
    }

    /** The store row of an instance entry; the admin password sealed (a spawned engine keeps the one it has). */
    JdbcCatalog.InstanceRow row(RekeyConfig.InstanceConfig ic) {
        var e = ic.engine();
        var engineConfig = new HashMap<String, String>();
        engineConfig.put("spawn", Boolean.toString(e.spawn()));
        if (e.adminUser() != null) engineConfig.put("admin-user", e.adminUser());
        if (e.user() != null) engineConfig.put("user", e.user());
        if (!e.users().isEmpty()) engineConfig.put("users", String.join(",", e.users()));
        if (e.channel() != null) engineConfig.put("channel", e.channel());
        engineConfig.putAll(EngineBlock.encode(e));
        engineConfig.putAll(ic.extra());
        String account = switch (e.kind()) {
            case REDIS -> "default";
            case MEMCACHED -> e.user() == null ? "" : e.user();
            case GUEST -> null;
        };
        boolean cvm = ic.product() == Product.TENCENT_CVM;
        String os = cvm ? ic.extra().getOrDefault("os", "linux").toLowerCase(Locale.ROOT) : null;
        String image = cvm ? ic.extra().getOrDefault("image", "") : null;
        return new JdbcCatalog.InstanceRow(ic.id(), ic.tenant(), ic.product(), ic.region(), ic.name(), e.kind(),
                e.spawn() ? "127.0.0.1" : host(e), e.spawn() ? 0 : port(e), account, os, image, e.overlap(), Map.copyOf(engineConfig),
                sealedAdmin(ic));
    }

    /** The address describe actions show: the engine's, or for an external cluster its first configured node's. */
    private static String host(RekeyConfig.EngineConfig e) {
        return e.cluster() && !e.nodes().listed().isEmpty() ? e.nodes().listed().getFirst().host() : e.host();
    }

    private static int port(RekeyConfig.EngineConfig e) {
        return e.cluster() && !e.nodes().listed().isEmpty() ? e.nodes().listed().getFirst().port() : e.port();
    }

    /**
     * A spawned engine keeps the admin password it was created with; an external one uses the configured one. The
     * sealed text already stored is kept when the password is the same, so that applying the same entry again changes
     * nothing the other nodes would take for a change of the engine ({@link EngineAttachments}).
     */
    private String sealedAdmin(RekeyConfig.InstanceConfig ic) {
        var existing = catalog.sealedAdmin(ic.id());
        if (ic.engine().spawn()) {
            if (existing.isPresent()) return existing.get();
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            return box.seal(Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b)));
        }
        Secret configured = ic.engine().adminPassword();
        if (configured == null) return null;
        if (existing.isPresent() && box.open(existing.get()).sameAs(configured)) return existing.get();
        return box.seal(configured);
    }
}
