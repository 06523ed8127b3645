package dev.rekey.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment part of an {@code engine:} block (kind, replicas, Sentinels, nodes, shards) as the store keeps it in
 * an instance's engine configuration, so that an instance registered through the admin API is attached again at the
 * next start exactly as it was registered. Members are a count ({@code 2}) or addresses
 * ({@code host:port,...}, a Sentinel's as {@code host:port/master-name}).
 */
final class EngineBlock {
    private EngineBlock() {
    }

    static Map<String, String> encode(RekeyConfig.EngineConfig e) {
        var out = new HashMap<String, String>();
        if (e.type() != null) out.put("kind", e.type().spelling());
        put(out, "replicas", e.replicas());
        put(out, "sentinels", e.sentinels());
        put(out, "nodes", e.nodes());
        if (e.shards() != null) out.put("shards", Integer.toString(e.shards()));
        return out;
    }

    static RekeyConfig.EngineType type(Map<String, String> stored, RekeyConfig.EngineType fallback) {
        String kind = stored.get("kind");
        if (kind == null) return fallback;
        for (RekeyConfig.EngineType t : RekeyConfig.EngineType.values()) if (t.spelling().equals(kind)) return t;
        return fallback;
    }

    static RekeyConfig.Members members(Map<String, String> stored, String key) {
        String text = stored.get(key);
        if (text == null || text.isBlank()) return RekeyConfig.Members.NONE;
        if (text.chars().allMatch(Character::isDigit)) return new RekeyConfig.Members(Integer.parseInt(text), List.of());
        var listed = new ArrayList<RekeyConfig.Address>();
        for (String member : text.split(",")) {
            String master = null;
            int slash = member.indexOf('/');
            if (slash >= 0) {
                master = member.substring(slash + 1);
                member = member.substring(0, slash);
            }
            int colon = member.lastIndexOf(':');
            listed.add(new RekeyConfig.Address(member.substring(0, colon), Integer.parseInt(member.substring(colon + 1)), master));
        }
        return new RekeyConfig.Members(0, listed);
    }

    static Integer shards(Map<String, String> stored) {
        String text = stored.get("shards");
        return text == null ? null : Integer.valueOf(text);
    }

    private static void put(Map<String, String> out, String key, RekeyConfig.Members m) {
        if (m.isEmpty()) return;
        if (m.count() > 0) {
            out.put(key, Integer.toString(m.count()));
            return;
        }
        var parts = new ArrayList<String>();
        for (RekeyConfig.Address a : m.listed()) {
            parts.add(a.host() + ":" + a.port() + (a.masterName() == null ? "" : "/" + a.masterName()));
        }
        out.put(key, String.join(",", parts));
    }
}
