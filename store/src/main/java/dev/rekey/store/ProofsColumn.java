package dev.rekey.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.core.NodeProof;
import dev.rekey.core.Proof;
import dev.rekey.core.RotationProof;

import java.time.Instant;
import java.util.List;

/**
 * An operation's proofs as the {@code proof} column keeps them: a JSON list. A first-release row holds one plain
 * sentence (how a CVM reset was verified), read back as the change's proof.
 */
final class ProofsColumn {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The column's shape: times as ISO-8601 text, so no date module is needed. */
    private record Row(String stage, String summary, String at, List<NodeProof> nodes) {
        static Row of(Proof p) {
            RotationProof logins = p.logins();
            return new Row(p.stage(), p.summary(), logins == null ? null : logins.at().toString(),
                    logins == null ? null : logins.nodes());
        }

        Proof proof() {
            return new Proof(stage, summary, at == null ? null : new RotationProof(Instant.parse(at), nodes));
        }
    }

    private ProofsColumn() {
    }

    static String write(List<Proof> proofs) {
        if (proofs == null || proofs.isEmpty()) return null;
        try {
            return MAPPER.writeValueAsString(proofs.stream().map(Row::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write proofs", e);
        }
    }

    static List<Proof> read(String column) {
        if (column == null || column.isBlank()) return List.of();
        if (!column.startsWith("[")) return List.of(Proof.of(Proof.CHANGE, column));
        try {
            return MAPPER.readValue(column, new TypeReference<List<Row>>() { }).stream().map(Row::proof).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt proof column", e);
        }
    }
}
