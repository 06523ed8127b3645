package dev.rekey.api.tencent;

import java.util.Map;

/**
 * What a Tencent request asks for, decoded once. {@code region} and {@code language} are null when not sent.
 * {@code params} holds the business parameters: from a JSON body with their JSON types (Map, List, String, Number,
 * Boolean, null); from a query or form, un-flattened into nested Map/List with String leaves.
 */
public record TencentCall(String action, String version, String region, String language, Map<String, Object> params) {
}
