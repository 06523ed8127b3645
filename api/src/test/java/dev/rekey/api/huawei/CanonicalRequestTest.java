package dev.rekey.api.huawei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekey.api.RawRequest;
import dev.rekey.core.Hashes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalRequestTest {

    static List<HuaweiCapture> captures() {
        return HuaweiCapture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void canonicalRequestOfEveryCaptureIsTheOneTheSdkSigned(HuaweiCapture capture) {
        RawRequest request = capture.request();
        String authorization = request.header("authorization");
        var headers = new ArrayList<CanonicalRequest.Header>();
        for (String name : SdkAuthorization.parse(authorization).orElseThrow().signedHeaders()) {
            headers.add(new CanonicalRequest.Header(name, request.header(name)));
        }

        String canonical = CanonicalRequest.text(request.method(), request.path(),
                CanonicalRequest.query(request.rawQuery(), false), headers, Hashes.sha256Hex(request.body()));

        assertEquals(capture.canonicalRequest(), canonical);
        assertEquals(capture.expectedSignature(), SdkHmacSha256.signature(capture.secretKey().getBytes(),
                SdkHmacSha256.stringToSign(capture.sdkDate(), canonical)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/v2/p/instances|/v2/p/instances/",
            "/v2/p/instances/|/v2/p/instances/",
            "/|/",
            "''|/",
            "/a%2fb/c d/%7E*|/a%2Fb/c%20d/~%2A/",
            "/caf%C3%A9+x|/caf%C3%A9%2Bx/"})
    void canonicalUriIsReencodedAndEndsWithASlash(String path, String expected) {
        assertEquals(expected, CanonicalRequest.uri(path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit=10&include_failure=true&offset=0|include_failure=true&limit=10&offset=0",
            "name=my%20redis*%7E%2F%C3%A9&limit=5|limit=5&name=my%20redis%2A~%2F%C3%A9",
            "a+b=1%2B2|a%2Bb=1%2B2",
            "flag&x=|flag=&x=",
            "b=2&&a=1|a=1&b=2"})
    void canonicalQueryIsSortedAndReencoded(String raw, String expected) {
        assertEquals(expected, CanonicalRequest.query(raw, false));
    }

    @Test
    void repeatedKeysKeepWireOrderUnlessSorted() {
        assertEquals("k=b&k=a", CanonicalRequest.query("k=b&k=a", false));
        assertEquals("k=a&k=b", CanonicalRequest.query("k=b&k=a", true));
    }

    @Test
    void noQueryIsTheEmptyString() {
        assertEquals("", CanonicalRequest.query(null, false));
        assertEquals("", CanonicalRequest.query("", false));
    }
}
