package dev.rekey.it.aliyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.server.TestRekey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.rekey.it.aliyun.AliyunFixture.INSTANCE;
import static dev.rekey.it.aliyun.AliyunFixture.KEY_ID;
import static dev.rekey.it.aliyun.AliyunFixture.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the SDKs hide: replayed nonces, tampering, the exact content types, the form-body and V3 wire shapes. */
class RawWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static TestRekey rekey;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, AliyunFixture.yaml(AliyunFixture.UNTHROTTLED));
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static RawAliyunClient raw() {
        return new RawAliyunClient(rekey.endpoint(), KEY_ID, SECRET);
    }

    static Map<String, String> describe(String format) {
        return raw().v1("DescribeInstanceAttribute", Map.of("InstanceId", INSTANCE, "Format", format), Instant.now());
    }

    static String code(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(response.headers().firstValue("x-acs-request-id").orElseThrow(), body.get("RequestId").asText());
        return body.get("Code").asText();
    }

    @Test
    void aReplayedV1RequestIsSignatureNonceUsed() throws Exception {
        var request = describe("JSON");
        assertEquals(200, raw().postQuery(request).statusCode());
        assertEquals("SignatureNonceUsed", code(raw().postQuery(request), 400));
        assertEquals("SignatureNonceUsed", code(raw().postForm(request), 400), "the same nonce in a form body");
    }

    @Test
    void aReplayedV3RequestIsSignatureNonceUsed() throws Exception {
        var request = raw().v3("DescribeInstanceAttribute", Map.of("InstanceId", INSTANCE), Instant.now());
        assertEquals(200, raw().send(request).statusCode());
        assertEquals("SignatureNonceUsed", code(raw().send(request), 400));
    }

    @Test
    void aNonceIsRememberedInTheStoreAcrossARestart() throws Exception {
        var request = describe("JSON");
        assertEquals(200, raw().postQuery(request).statusCode());
        rekey.stop();
        rekey.startAgain();
        assertEquals("SignatureNonceUsed", code(raw().postQuery(request), 400));
    }

    @Test
    void aTamperedParameterIsSignatureDoesNotMatch() throws Exception {
        var request = new HashMap<>(describe("JSON"));
        request.put("InstanceId", "r-other001");
        assertEquals("SignatureDoesNotMatch", code(raw().postQuery(request), 400));
    }

    @Test
    void aTimestampSixteenMinutesOldIsExpiredAndMissingPiecesAreNamed() throws Exception {
        var old = raw().v1("DescribeInstanceAttribute", Map.of("InstanceId", INSTANCE), Instant.now().minus(Duration.ofMinutes(16)));
        assertEquals("InvalidTimeStamp.Expired", code(raw().postQuery(old), 400));
        var noNonce = new HashMap<>(describe("JSON"));
        noNonce.remove("SignatureNonce");
        assertEquals("MissingParameter", code(raw().postQuery(noNonce), 400));
    }

    @Test
    void xmlAndJsonAreServedWithTheExactContentTypesTheSdksCompare() throws Exception {
        HttpResponse<String> xml = raw().postQuery(describe("XML"));
        assertEquals(200, xml.statusCode());
        assertEquals("text/xml;charset=utf-8", xml.headers().firstValue("content-type").orElseThrow());
        assertTrue(xml.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeInstanceAttributeResponse><RequestId>"), xml.body());
        assertTrue(xml.body().contains("<Instances><DBInstanceAttribute><InstanceId>r-bp1abc</InstanceId>"), xml.body());

        var unknown = raw().v1("DescribeInstanceAttribute", Map.of("InstanceId", "r-nosuch000", "Format", "XML"), Instant.now());
        HttpResponse<String> xmlError = raw().postQuery(unknown);
        assertEquals(404, xmlError.statusCode());
        assertEquals("text/xml;charset=utf-8", xmlError.headers().firstValue("content-type").orElseThrow());
        assertTrue(xmlError.body().contains("<Error><RequestId>"), xmlError.body());
        assertTrue(xmlError.body().contains("<Code>InvalidInstanceId.NotFound</Code>"), xmlError.body());

        HttpResponse<String> json = raw().postQuery(describe("json"));
        assertEquals("application/json;charset=utf-8", json.headers().firstValue("content-type").orElseThrow());
        JsonNode body = JSON.readTree(json.body());
        assertTrue(body.get("Instances").get("DBInstanceAttribute").isArray());
        assertTrue(body.get("Instances").get("DBInstanceAttribute").get(0).get("InstanceReleaseProtection").isBoolean());
        assertTrue(body.get("Instances").get("DBInstanceAttribute").get(0).get("Port").isIntegralNumber());
    }

    @Test
    void aFormBodyPostAsPopCoreSendsItIsServed() throws Exception {
        var rename = raw().v1("ModifyInstanceAttribute", Map.of("InstanceId", INSTANCE, "InstanceName", "via form"), Instant.now());
        assertEquals("InvalidInstanceName.Malformed", code(raw().postForm(rename), 400), "a space is decoded from the form body");
        var ok = raw().v1("ModifyInstanceAttribute", Map.of("InstanceId", INSTANCE, "InstanceName", "via-form"), Instant.now());
        HttpResponse<String> answer = raw().postForm(ok);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(!JSON.readTree(answer.body()).has("Code"), "a success body has no Code");
    }
}
