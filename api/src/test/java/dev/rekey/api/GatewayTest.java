package dev.rekey.api;

import dev.rekey.core.Cloud;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayTest {

    @Test
    void aMalformedPercentEncodingIsTheClientsError() {
        var gateway = new Gateway(new EnumMap<>(Cloud.class));
        HttpAnswer answer = gateway.handle(RawRequest.of("POST", "/", "AccessKeyId=testid&InstanceName=%zz", Map.of(), null));
        assertEquals(400, answer.status());
        assertTrue(answer.bodyText().contains("percent-encoding"), answer.bodyText());
    }
}
