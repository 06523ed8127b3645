package dev.rekey.api;

import dev.rekey.core.AuditEntry;
import dev.rekey.core.AuditLog;

import java.util.ArrayList;
import java.util.List;

/** Test support: an audit log in memory, newest last, for tests that read what a pipeline recorded. */
public final class RecordedAudit implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
        return List.copyOf(entries.reversed().subList(0, Math.min(limit, entries.size())));
    }

    public synchronized List<AuditEntry> all() {
        return List.copyOf(entries);
    }
}
