package dev.rekey.api;

import dev.rekey.core.Cloud;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AccessLogTest {

    @Test
    void aValueTheClientChoseCanNeitherBreakALineNorFloodIt() {
        var access = Access.of("aliyun", "R1").withAction("Describe\nINFO forged line").withInstance("r-" + "x".repeat(1000));
        assertEquals("Describe?INFO forged line", access.action());
        assertEquals(200, access.instance().length());
        assertNull(Access.of("aliyun", "R1").withInstance("").instance(), "an empty value is no value");
    }

    @Test
    void theLineHasTheFactsInAFixedOrderAndLeavesOutWhatIsUnknown() {
        var access = Access.of("tencent", "req-1").withTenant("acme").withAction("DescribeInstances");
        assertEquals(List.of("request_id", "cloud", "action", "tenant", "status", "latency_ms"),
                List.copyOf(AccessLog.fields(access, 200, 3).keySet()));
        assertEquals("InvalidParameter", AccessLog.fields(access.failed("InvalidParameter"), 200, 3).get("error_code"));
    }

    @Test
    void theGatewayNamesTheCloudEvenWhenNoDialectAnswered() {
        var gateway = new Gateway(new EnumMap<>(Cloud.class));
        assertEquals(Access.UNCLASSIFIED, gateway.handle(RawRequest.of("GET", "/", null, Map.of(), null)).access());
        var huawei = gateway.handle(RawRequest.of("GET", "/v2/p/instances", null, Map.of(), null));
        assertEquals("huawei", huawei.access().cloud());
    }
}
