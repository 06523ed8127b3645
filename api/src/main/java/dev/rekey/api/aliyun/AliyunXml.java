package dev.rekey.api.aliyun;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Renders a success body as Aliyun's XML: the root is {@code <Action>Response}, each field an element, and a list
 * the repetition of its item element inside the wrapper, e.g. {@code <Instances><DBInstanceAttribute>...}.
 */
final class AliyunXml {
    /** The JDK's own writer, whatever else is on the class path, so that the output never changes with it. */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private AliyunXml() {
    }

    static String write(String root, Map<String, Object> fields) {
        var out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            writeFields(xml, fields);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render the XML body of " + root, e);
        }
        return out.toString();
    }

    private static void writeFields(XMLStreamWriter xml, Map<?, ?> fields) throws XMLStreamException {
        for (var field : fields.entrySet()) {
            String name = field.getKey().toString();
            if (field.getValue() instanceof List<?> items) {
                for (Object item : items) writeElement(xml, name, item);
            } else {
                writeElement(xml, name, field.getValue());
            }
        }
    }

    private static void writeElement(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null) return;
        xml.writeStartElement(name);
        if (value instanceof Map<?, ?> children) writeFields(xml, children);
        else xml.writeCharacters(value.toString());
        xml.writeEndElement();
    }
}
