package dev.rekey.api.aliyun;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AliyunErrorsTest {
    private static final String RECOMMEND =
            "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=R-kvstore";

    @Test
    void jsonErrorBodyHasTheFiveFieldsInTheServicesOrder() {
        String body = AliyunErrors.body("JSON", "5D53A2E1-0B6F", "127.0.0.1:18765", "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.");

        assertEquals("{\"RequestId\":\"5D53A2E1-0B6F\",\"HostId\":\"127.0.0.1:18765\","
                + "\"Code\":\"SignatureDoesNotMatch\","
                + "\"Message\":\"Specified signature is not matched with our calculation.\","
                + "\"Recommend\":\"" + RECOMMEND + "\"}", body);
    }

    @Test
    void xmlErrorBodyIsAnErrorElementWithTheSameFields() {
        String body = AliyunErrors.body("XML", "5D53A2E1-0B6F", "r-kvstore.aliyuncs.com", "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.");

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Error><RequestId>5D53A2E1-0B6F</RequestId><HostId>r-kvstore.aliyuncs.com</HostId>"
                + "<Code>SignatureDoesNotMatch</Code>"
                + "<Message>Specified signature is not matched with our calculation.</Message>"
                + "<Recommend>" + RECOMMEND.replace("&", "&amp;") + "</Recommend></Error>", body);
    }

    @Test
    void xmlErrorBodyEscapesMarkupInTheMessage() {
        String body = AliyunErrors.body("xml", "r1", "h", "MissingParameter", "<Name> & \"value\"");

        assertEquals(true, body.contains("<Message>&lt;Name> &amp; \"value\"</Message>"), body);
    }

    @Test
    void contentTypeFollowsTheFormat() {
        assertEquals("application/json;charset=utf-8", AliyunErrors.contentType("JSON"));
        assertEquals("application/json;charset=utf-8", AliyunErrors.contentType(null));
        assertEquals("text/xml;charset=utf-8", AliyunErrors.contentType("XML"));
        assertEquals("text/xml;charset=utf-8", AliyunErrors.contentType("xml"));
    }
}
