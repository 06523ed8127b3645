package dev.rekey.api.tencent;

import static dev.rekey.api.tencent.CapturedRequest.read;
import static dev.rekey.api.tencent.CapturedRequest.withBody;
import static dev.rekey.api.tencent.CapturedRequest.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.api.RawRequest;
import dev.rekey.api.Refusal;
import dev.rekey.api.WireRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TencentParserTest {

    static List<GoldenCapture> goldenCaptures() {
        return GoldenCapture.all();
    }

    @ParameterizedTest
    @MethodSource("goldenCaptures")
    void everyOfficialSdkCaptureNamesItsActionVersionAndRegion(GoldenCapture capture) {
        TencentCall call = parse(capture.request());

        assertEquals(capture.action(), call.action());
        assertEquals(capture.version(), call.version());
        assertEquals("ap-guangzhou", call.region());
        assertNull(call.language());
    }

    @Test
    void jsonBodyKeepsItsJsonTypes() {
        TencentCall call = parse(read("java-cvm-ResetInstancesPassword-tc3-post.http"));

        assertEquals(Map.of("InstanceIds", List.of("ins-aaaa1111", "ins-bbbb2222", "ins-cccc3333"),
                "Password", "Passw0rd!2024", "UserName", "root", "ForceStop", true), call.params());
        assertEquals(List.of("InstanceIds", "Password", "UserName", "ForceStop"), List.copyOf(call.params().keySet()));

        TencentCall describe = parse(read("java-redis-DescribeInstances-tc3-post.http"));
        assertEquals(10, describe.params().get("Limit"));
        assertEquals(Boolean.FALSE, parse(read("java-redis-ResetPassword-tc3-post.http")).params().get("NoAuth"));
    }

    @Test
    void flattenedFiltersBecomeNestedListsAndMaps() {
        Map<String, Object> expected = Map.of(
                "Filters", List.of(Map.of("Name", "instance-name", "Values", List.of("web server", "db/1"))),
                "Limit", "20");

        TencentCall java = parse(read("java-cvm-DescribeInstances-tc3-get.http"));
        TencentCall node = parse(read("node-cvm-DescribeInstances-tc3-get.http"));
        TencentCall form = parse(read("java-cvm-DescribeInstances-hmacsha256-post.http"));

        assertEquals(expected, java.params());
        assertEquals(expected, node.params());
        assertEquals(expected, form.params());
    }

    @Test
    void legacySigningParametersAreRemovedAndListsFollowTheirIndices() {
        TencentCall call = parse(read("java-cvm-ResetInstancesPassword-hmacsha256-get.http"));

        assertEquals("ResetInstancesPassword", call.action());
        assertEquals("2017-03-12", call.version());
        assertEquals(Map.of("UserName", "root", "ForceStop", "true", "Password", "Passw0rd!2024",
                "InstanceIds", List.of("ins-aaaa1111", "ins-bbbb2222", "ins-cccc3333")), call.params());
    }

    @Test
    void legacyFormPostIsReadLikeAQuery() {
        TencentCall call = parse(read("node-cvm-ResetInstancesPassword-hmacsha256-post.http"));

        assertEquals(Map.of("InstanceIds", List.of("ins-aaaa1111", "ins-bbbb2222"), "Password", "Passw0rd!2024",
                "UserName", "root", "ForceStop", "false"), call.params());
    }

    @Test
    void languageComesFromItsHeaderOrParameter() {
        RawRequest tc3 = withHeader(read("java-redis-DescribeTaskInfo-tc3-post.http"), "X-TC-Language", "en-US");
        RawRequest v1 = RawRequest.of("GET", "/", "Action=DescribeTaskInfo&Version=2018-04-12&Language=zh-CN&TaskId=7",
                Map.of("Host", "127.0.0.1:18080"), null);

        assertEquals("en-US", parse(tc3).language());
        TencentCall call = parse(v1);
        assertEquals("zh-CN", call.language());
        assertNull(call.region());
        assertEquals(Map.of("TaskId", "7"), call.params());
    }

    @Test
    void malformedJsonIsInvalidParameterWithoutQuotingTheBody() {
        RawRequest request = withBody(read("java-redis-ModifyInstancePassword-tc3-post.http"),
                "{\"InstanceId\":\"crs-abcd1234\",\"Password\":NewPass#2024}");

        var e = assertThrows(Refusal.class, () -> parse(request));

        assertEquals("InvalidParameter", e.code());
        assertTrue(e.getMessage().contains("not valid JSON at line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("NewPass"), e.getMessage());
    }

    @Test
    void jsonBodyThatIsNotAnObjectIsInvalidParameter() {
        RawRequest request = withBody(read("java-redis-DescribeTaskInfo-tc3-post.http"), "[1001]");

        var e = assertThrows(Refusal.class, () -> parse(request));

        assertEquals("InvalidParameter", e.code());
        assertTrue(e.getMessage().contains("JSON array"), e.getMessage());
    }

    @Test
    void jsonFieldGivenTwiceIsInvalidParameter() {
        RawRequest request = withBody(read("java-redis-ModifyInstancePassword-tc3-post.http"),
                "{\"Password\":\"NewPass#2024\",\"Password\":\"Other#2024\"}");

        var e = assertThrows(Refusal.class, () -> parse(request));

        assertEquals("InvalidParameter", e.code());
        assertTrue(e.getMessage().contains("'Password' more than once"), e.getMessage());
        assertFalse(e.getMessage().contains("NewPass"), e.getMessage());
    }

    @Test
    void requestWithoutActionIsMissingParameter() {
        RawRequest tc3 = withHeader(read("java-redis-DescribeTaskInfo-tc3-post.http"), "X-TC-Action", null);
        RawRequest v1 = RawRequest.of("GET", "/", "Version=2018-04-12&TaskId=7", Map.of(), null);

        for (RawRequest request : List.of(tc3, v1)) {
            var e = assertThrows(Refusal.class, () -> parse(request));
            assertEquals("MissingParameter", e.code());
            assertTrue(e.getMessage().contains("X-TC-Action"), e.getMessage());
        }
    }

    @Test
    void listWithAGapIsInvalidParameter() {
        RawRequest request = RawRequest.of("GET", "/",
                "Action=StartInstances&Version=2017-03-12&InstanceIds.0=a&InstanceIds.2=c", Map.of(), null);

        var e = assertThrows(Refusal.class, () -> parse(request));

        assertEquals("InvalidParameter", e.code());
        assertTrue(e.getMessage().contains("InstanceIds has indices [0, 2]"), e.getMessage());
    }

    @Test
    void nameUsedAsBothValueAndListIsInvalidParameter() {
        RawRequest request = RawRequest.of("GET", "/",
                "Action=StartInstances&Version=2017-03-12&InstanceIds=a&InstanceIds.0=b", Map.of(), null);

        var e = assertThrows(Refusal.class, () -> parse(request));

        assertEquals("InvalidParameter", e.code());
        assertTrue(e.getMessage().contains("InstanceIds is given both"), e.getMessage());
    }

    private static TencentCall parse(RawRequest request) {
        return TencentParser.call(WireRequest.of(request));
    }
}
