package dev.rekey.core;

import java.util.List;

/** Port: the append-only audit trail. */
public interface AuditLog {
    void record(AuditEntry entry);

    List<AuditEntry> recent(int limit);
}
