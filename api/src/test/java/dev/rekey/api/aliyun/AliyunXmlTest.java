package dev.rekey.api.aliyun;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AliyunXmlTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document document, String element) {
        return document.getElementsByTagName(element).item(0).getTextContent();
    }

    @Test
    void charactersXmlCannotCarryAreReplacedSoTheDocumentStillParses() throws Exception {
        String name = "a\u0001b\u001Fc\uFFFEd\uFFFFe\uD800f\uDC00g";
        String xml = AliyunXml.DECLARATION + AliyunXml.element("R", Map.of("InstanceName", name));

        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg", text(parse(xml), "InstanceName"));
    }

    @Test
    void everythingXmlCanCarryComesBackUnchanged() throws Exception {
        String value = "tab\tnl\ncr\rmarkup <a> & \"q\" 'a' ]]> é \uD83D\uDE00 \uE000\uFFFD";
        var fields = new LinkedHashMap<String, Object>();
        fields.put("Message", value);
        fields.put("Skipped", null);
        fields.put("List", Map.of("Item", List.of("one", "two")));
        Document document = parse(AliyunXml.DECLARATION + AliyunXml.element("R", fields));

        assertEquals(value, text(document, "Message"));
        assertEquals(0, document.getElementsByTagName("Skipped").getLength(), "a null field is left out");
        assertEquals(2, document.getElementsByTagName("Item").getLength(), "a list repeats its item element");
    }

    @Test
    void anErrorBodyEchoingAnUncarryableCharacterStillParses() throws Exception {
        String body = AliyunSerializer.errorBody("XML", "r1", "h", "InvalidInstanceName.Malformed", "name 'x\u0000y' is invalid");

        assertEquals("name 'x\uFFFDy' is invalid", text(parse(body), "Message"));
    }
}
