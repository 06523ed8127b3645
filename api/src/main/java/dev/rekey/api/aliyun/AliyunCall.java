package dev.rekey.api.aliyun;

import java.util.Map;

/**
 * An Aliyun RPC call as read from the wire. {@code action}, {@code version} and {@code regionId} are null when the
 * request carries none; {@code format} is {@code "JSON"} or {@code "XML"}. {@code params} holds the API parameters
 * (InstanceId, NewPassword, Tag.1.Key, ...) without the protocol ones (Action, Signature, Timestamp, ...), in arrival
 * order.
 */
public record AliyunCall(String action, String version, String format, String regionId, Map<String, String> params,
                         SignatureStyle style) {

    public boolean isXml() {
        return "XML".equals(format);
    }
}
