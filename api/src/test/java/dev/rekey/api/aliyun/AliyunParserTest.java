package dev.rekey.api.aliyun;

import dev.rekey.api.RawRequest;
import dev.rekey.api.WireRequest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AliyunParserTest {

    @Test
    void newJavaSdkV3RoutesByHeadersOnly() {
        AliyunCall call = read(AliyunCapture.load("java-tea-v3-ModifyInstanceAttribute.http"));

        assertEquals("ModifyInstanceAttribute", call.action());
        assertEquals("2015-01-01", call.version());
        assertEquals("JSON", call.format());
        assertNull(call.regionId());
        assertEquals(SignatureStyle.V3, call.style());
        assertEquals(Map.of("InstanceName", "demo-~name_1", "NewPassword", "Ab1!#$%^&*()_+-=",
                "InstanceId", "r-bp1abc", "InstanceReleaseProtection", "true"), call.params());
    }

    @Test
    void popCorePostReadsEverythingFromTheFormBody() {
        AliyunCall call = read(
                AliyunCapture.load("node-popcore-v1-ModifyInstanceAttribute-post.http"));

        assertEquals("ModifyInstanceAttribute", call.action());
        assertEquals("cn-hangzhou", call.regionId());
        assertEquals(SignatureStyle.V1, call.style());
        assertEquals(Map.of("InstanceId", "r-bp1abc", "InstanceName", "demo-~name_1",
                "NewPassword", "Ab1!#$%^&*()_+-="), call.params());
    }

    @Test
    void plusInTheQueryIsASpace() {
        AliyunCall tea = read(AliyunCapture.load("java-tea-v3-ModifyInstanceAttribute-space.http"));
        AliyunCall core = read(
                AliyunCapture.load("java-core-v1-ModifyInstanceAttribute-space.http"));

        assertEquals("1bad name", tea.params().get("InstanceName"));
        assertEquals("1bad name", core.params().get("InstanceName"));
    }

    @Test
    void formatIsReadCaseInsensitivelyAndDefaultsToJson() {
        assertEquals("JSON", read("Format=json").format());
        assertEquals("XML", read("Format=XML").format());
        assertEquals("XML", read("Format=xml").format());
        assertEquals("JSON", read("Format=yaml").format());
        assertEquals("JSON", read("").format());
        assertEquals("XML", read(
                AliyunCapture.load("java-core-v1-DescribeInstanceAttribute-xml.http")).format());
    }

    @Test
    void parameterWinsOverHeaderAndHeaderFillsTheGap() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("x-acs-action", "DescribeInstances");
        headers.put("x-acs-version", "2015-01-01");

        AliyunCall call = read(RawRequest.of("GET", "/", "Action=DescribeInstanceAttribute",
                headers, null));

        assertEquals("DescribeInstanceAttribute", call.action());
        assertEquals("2015-01-01", call.version());
    }

    @Test
    void absentActionAndVersionAreNull() {
        AliyunCall call = read("InstanceId=r-1");

        assertNull(call.action());
        assertNull(call.version());
        assertEquals(SignatureStyle.NONE, call.style());
    }

    @Test
    void bodyIsNotReadAsFormWithoutFormContentType() {
        AliyunCall call = read(RawRequest.of("POST", "/", "Action=DescribeInstances",
                Map.of("content-type", "application/json"), "InstanceId=r-1"));

        assertEquals(Map.of(), call.params());
    }

    @Test
    void queryParameterWinsOverTheSameFormParameter() {
        AliyunCall call = read(RawRequest.of("POST", "/", "InstanceId=r-query",
                Map.of("content-type", "application/x-www-form-urlencoded; charset=UTF-8"),
                "InstanceId=r-form&InstanceName=from+form"));

        assertEquals(Map.of("InstanceId", "r-query", "InstanceName", "from form"), call.params());
    }

    @Test
    void tagListStaysFlattenedInParams() {
        AliyunCall call = read(AliyunCapture.load("java-tea-v3-DescribeInstances.http"));

        assertEquals("env", call.params().get("Tag.1.Key"));
        assertEquals("dev", call.params().get("Tag.1.Value"));
        assertEquals("r-bp1abc,r-bp2def", call.params().get("InstanceIds"));
        assertEquals("cn-hangzhou", call.regionId());
    }

    private static AliyunCall read(String query) {
        return read(RawRequest.of("GET", "/", query, Map.of(), null));
    }

    private static AliyunCall read(RawRequest request) {
        return AliyunParser.read(WireRequest.of(request));
    }
}
