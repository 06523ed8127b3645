package dev.rekey.api.aliyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.Refusal;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AliyunSerializerTest {
    private static final String ID = "5D53A2E1-0B6F-4C1B-9E26-7E3B2A9F1C01";

    private static Map<String, Object> instances(Object... items) {
        return Map.of("Instances", Map.of("DBInstanceAttribute", List.of(items)));
    }

    private static Map<String, Object> item(String id, String name) {
        var m = new LinkedHashMap<String, Object>();
        m.put("InstanceId", id);
        m.put("InstanceName", name);
        m.put("InstanceReleaseProtection", true);
        m.put("Port", 6379L);
        m.put("Tags", Map.of("Tag", List.of()));
        return m;
    }

    @Test
    void jsonSuccessIsFlatWithRequestIdRealArraysAndTypedValues() throws Exception {
        HttpAnswer answer = AliyunSerializer.success("JSON", "DescribeInstanceAttribute", ID, instances(item("r-1", "demo")));
        assertEquals(200, answer.status());
        assertEquals("application/json;charset=utf-8", answer.contentType());
        assertEquals(ID, answer.headers().get("x-acs-request-id"));
        JsonNode body = new ObjectMapper().readTree(answer.bodyText());
        assertEquals(ID, body.get("RequestId").asText());
        assertFalse(body.has("Code"), "pop-core takes any body with a Code for an error");
        JsonNode list = body.get("Instances").get("DBInstanceAttribute");
        assertTrue(list.isArray());
        assertTrue(list.get(0).get("InstanceReleaseProtection").isBoolean());
        assertTrue(list.get(0).get("Port").isIntegralNumber());
        assertTrue(list.get(0).get("Tags").get("Tag").isArray());
    }

    @Test
    void xmlSuccessRepeatsEachItemInsideItsWrapperUnderTheActionsRoot() {
        HttpAnswer answer = AliyunSerializer.success("XML", "DescribeInstanceAttribute", ID,
                instances(item("r-1", "a<b&c"), item("r-2", "second")));
        assertEquals("text/xml;charset=utf-8", answer.contentType());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeInstanceAttributeResponse>"
                + "<RequestId>" + ID + "</RequestId><Instances>"
                + "<DBInstanceAttribute><InstanceId>r-1</InstanceId><InstanceName>a&lt;b&amp;c</InstanceName>"
                + "<InstanceReleaseProtection>true</InstanceReleaseProtection><Port>6379</Port><Tags></Tags></DBInstanceAttribute>"
                + "<DBInstanceAttribute><InstanceId>r-2</InstanceId><InstanceName>second</InstanceName>"
                + "<InstanceReleaseProtection>true</InstanceReleaseProtection><Port>6379</Port><Tags></Tags></DBInstanceAttribute>"
                + "</Instances></DescribeInstanceAttributeResponse>", answer.bodyText());
    }

    @Test
    void aWriteActionAnswersWithTheRequestIdAlone() {
        assertEquals("{\"RequestId\":\"" + ID + "\"}",
                AliyunSerializer.success("JSON", "ModifyInstanceAttribute", ID, Map.of()).bodyText());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ModifyInstanceAttributeResponse><RequestId>" + ID
                + "</RequestId></ModifyInstanceAttributeResponse>",
                AliyunSerializer.success("XML", "ModifyInstanceAttribute", ID, Map.of()).bodyText());
    }

    @Test
    void errorsCarryTheirStatusAndTheAskedFormat() {
        var e = new Refusal(404, "InvalidInstanceId.NotFound", "The specified instance does not exist.");
        HttpAnswer json = AliyunSerializer.refusal("JSON", ID, e);
        assertEquals(404, json.status());
        assertTrue(json.bodyText().contains("\"Code\":\"InvalidInstanceId.NotFound\""));
        HttpAnswer xml = AliyunSerializer.refusal("XML", ID, e);
        assertEquals("text/xml;charset=utf-8", xml.contentType());
        assertTrue(xml.bodyText().contains("<Error><RequestId>" + ID + "</RequestId>"), xml.bodyText());
    }
}
