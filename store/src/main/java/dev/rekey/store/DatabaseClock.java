package dev.rekey.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The database's clock, as seen from this node: the local clock corrected by the offset measured against
 * {@code CURRENT_TIMESTAMP}, re-measured every 30 s. Nodes sharing a database then agree on lock expiry, rate
 * windows and task leases even when their own clocks drift.
 */
public final class DatabaseClock extends Clock {
    private static final long RESYNC_MILLIS = 30_000;
    private final Database db;
    private final Clock local;
    private volatile long offsetMillis;
    private volatile long syncedAt;

    public DatabaseClock(Database db, Clock local) {
        this.db = db;
        this.local = local;
        sync();
    }

    private void sync() {
        long before = local.millis();
        Instant dbNow = db.run(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT CURRENT_TIMESTAMP")) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
        long after = local.millis();
        offsetMillis = dbNow.toEpochMilli() - (before + after) / 2;
        syncedAt = after;
    }

    @Override
    public Instant instant() {
        long now = local.millis();
        if (now - syncedAt > RESYNC_MILLIS) {
            try {
                sync();
            } catch (StoreException e) {
                syncedAt = now; // keep the last offset; the store's own errors surface where it is used
            }
        }
        return Instant.ofEpochMilli(local.millis() + offsetMillis);
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
