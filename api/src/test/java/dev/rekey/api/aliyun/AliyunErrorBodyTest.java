package dev.rekey.api.aliyun;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AliyunErrorBodyTest {
    private static final String RECOMMEND =
            "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=R-kvstore";

    @Test
    void jsonErrorBodyHasTheFiveFieldsInTheServicesOrder() {
        String body = AliyunSerializer.errorBody("JSON", "5D53A2E1-0B6F", "127.0.0.1:18765", "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.");

        assertEquals("{\"RequestId\":\"5D53A2E1-0B6F\",\"HostId\":\"127.0.0.1:18765\","
                + "\"Code\":\"SignatureDoesNotMatch\","
                + "\"Message\":\"Specified signature is not matched with our calculation.\","
                + "\"Recommend\":\"" + RECOMMEND + "\"}", body);
    }

    @Test
    void xmlErrorBodyIsAnErrorElementWithTheSameFields() {
        String body = AliyunSerializer.errorBody("XML", "5D53A2E1-0B6F", "r-kvstore.aliyuncs.com", "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.");

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Error><RequestId>5D53A2E1-0B6F</RequestId><HostId>r-kvstore.aliyuncs.com</HostId>"
                + "<Code>SignatureDoesNotMatch</Code>"
                + "<Message>Specified signature is not matched with our calculation.</Message>"
                + "<Recommend>" + RECOMMEND.replace("&", "&amp;") + "</Recommend></Error>", body);
    }

    @Test
    void xmlErrorBodyEscapesMarkupInTheMessage() {
        String body = AliyunSerializer.errorBody("xml", "r1", "h", "MissingParameter", "<Name> & \"value\"");

        assertEquals(true, body.contains("<Message>&lt;Name> &amp; \"value\"</Message>"), body);
    }

    @Test
    void contentTypeFollowsTheFormat() {
        assertEquals("application/json;charset=utf-8", AliyunSerializer.contentType("JSON"));
        assertEquals("application/json;charset=utf-8", AliyunSerializer.contentType(null));
        assertEquals("text/xml;charset=utf-8", AliyunSerializer.contentType("XML"));
        assertEquals("text/xml;charset=utf-8", AliyunSerializer.contentType("xml"));
    }
}
