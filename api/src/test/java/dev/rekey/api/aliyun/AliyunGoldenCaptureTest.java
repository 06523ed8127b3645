package dev.rekey.api.aliyun;

import dev.rekey.api.AuthResult;
import dev.rekey.api.WireRequest;
import dev.rekey.api.FormCodec;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.Secret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every request the official SDKs put on the wire (captures/aliyun) verifies and reads as the manifest says. */
class AliyunGoldenCaptureTest {
    private static final Set<String> PROTOCOL = Set.of("AccessKeyId", "Action", "Version", "Format", "RegionId",
            "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp");

    static List<AliyunCapture.Entry> captures() {
        return AliyunCapture.manifest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyCaptureVerifiesAtItsOwnTime(AliyunCapture.Entry entry) {
        Clock clock = Clock.fixed(Instant.parse(entry.timestamp()), ZoneOffset.UTC);
        var credential = new Credential(Cloud.ALIYUN, "tenant-a", entry.accessKeyId(),
                Secret.of(entry.accessKeySecret()), null);
        var verifier = new AliyunSignatureVerifier(
                (cloud, id) -> cloud == Cloud.ALIYUN && id.equals(entry.accessKeyId())
                        ? Optional.of(credential) : Optional.empty(),
                new InMemoryNonceRegistry(clock), clock);

        var result = verifier.verify(WireRequest.of(AliyunCapture.load(entry.file())));

        var authenticated = assertInstanceOf(AuthResult.Authenticated.class, result, () -> result.toString());
        assertEquals(credential, authenticated.credential());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyCaptureReadsTheActionAndParametersTheManifestSigned(AliyunCapture.Entry entry) {
        Map<String, String> signed = signedParams(entry);

        AliyunCall call = AliyunParser.read(WireRequest.of(AliyunCapture.load(entry.file())));

        assertEquals(entry.action(), call.action());
        assertEquals(entry.version(), call.version());
        assertEquals(entry.isV3() ? SignatureStyle.V3 : SignatureStyle.V1, call.style());
        assertEquals(signed.getOrDefault("Format", "JSON").toUpperCase(), call.format());
        assertEquals(signed.get("RegionId"), call.regionId());
        var expected = new LinkedHashMap<>(signed);
        expected.keySet().removeAll(PROTOCOL);
        var actual = new LinkedHashMap<>(call.params());
        if (Boolean.FALSE.equals(entry.emptyValuesSigned())) actual.values().removeIf(String::isEmpty);
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void ourStringToSignIsTheManifests(AliyunCapture.Entry entry) {
        RawRequest request = AliyunCapture.load(entry.file());
        if (entry.isV3()) {
            var v3 = V3Request.read(WireRequest.of(request));
            assertEquals(entry.canonicalRequest(), v3.canonicalRequest());
            assertEquals(entry.stringToSign(), v3.stringToSign());
        } else {
            boolean withEmptyValues = !Boolean.FALSE.equals(entry.emptyValuesSigned());
            assertEquals(entry.stringToSign(), V1Request.read(request.method(),
                    AliyunParser.pairs(WireRequest.of(request))).stringToSign(withEmptyValues));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void captureCarriesTheManifestsSignature(AliyunCapture.Entry entry) {
        RawRequest request = AliyunCapture.load(entry.file());
        String carried = entry.isV3()
                ? Acs3Authorization.parse(request.header("authorization")).signature()
                : FormCodec.first(AliyunParser.pairs(WireRequest.of(request)), "Signature");
        assertEquals(entry.expectedSignature(), carried);
        assertTrue(request.header("host").startsWith("127.0.0.1:"));
    }

    /** The parameters the manifest's canonical string names, decoded: the V3 canonical query or the V1 list. */
    private static Map<String, String> signedParams(AliyunCapture.Entry entry) {
        String canonical = entry.isV3()
                ? entry.canonicalRequest().split("\n", -1)[2]
                : FormCodec.decode(entry.stringToSign().split("&", 3)[2]);
        var params = new LinkedHashMap<String, String>();
        FormCodec.decodePairs(canonical).forEach(p -> params.put(p.getKey(), p.getValue()));
        return params;
    }
}
