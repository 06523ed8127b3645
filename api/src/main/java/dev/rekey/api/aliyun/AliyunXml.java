package dev.rekey.api.aliyun;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.codehaus.stax2.XMLOutputFactory2;

import java.io.IOException;

/**
 * The one XML writer of the Aliyun dialect, for success and error bodies alike (Jackson XML over Woodstox). The root
 * is named by the caller ({@code <Action>Response}, {@code Error}); each field is an element, a null field is left
 * out, and a list is the repetition of its item element inside the wrapper, e.g.
 * {@code <Instances><DBInstanceAttribute>...</DBInstanceAttribute><DBInstanceAttribute>...}. An empty element is
 * written as {@code <Tags></Tags>}, as the service does.
 */
final class AliyunXml {
    /** Written by hand: Woodstox would quote with apostrophes, and the answers the tests pin use double quotes. */
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private static final XmlMapper MAPPER = mapper();

    private AliyunXml() {
    }

    /** {@code body} is a map of fields (in order), or a record whose components are the fields. */
    static String element(String root, Object body) {
        try {
            return MAPPER.writer().withRootName(root).writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the XML body of " + root, e);
        }
    }

    /**
     * Every character XML 1.0 cannot carry (controls other than tab, newline and carriage return, U+FFFE, U+FFFF and
     * unpaired surrogates) is replaced with U+FFFD, never refused: an answer, an error answer above all, must still
     * be sent when a value echoes such a character back, and even a character reference such as {@code &#1;} would
     * make the document unparseable. Refusing such characters in what clients send is the dialect's job, not the
     * writer's. Markup characters are escaped by Woodstox ({@code &}, {@code <}, {@code >} after {@code ]]}, and
     * carriage returns as {@code &#xd;} so that they survive parsing).
     */
    static String carryable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean ok = pair || isXmlChar(c);
            if (!ok && out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            if (out != null) {
                if (pair) out.append(c).append(text.charAt(i + 1));
                else out.append(ok ? c : '\uFFFD');
            }
            if (pair) i++;
        }
        return out == null ? text : out.toString();
    }

    /** XML 1.0's Char production for one UTF-16 unit; surrogates are accepted only in pairs, by the caller. */
    private static boolean isXmlChar(char c) {
        return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD);
    }

    private static XmlMapper mapper() {
        XmlMapper mapper = XmlMapper.builder()
                .defaultUseWrapper(false)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .addModule(new SimpleModule("carryable-text").addSerializer(String.class, new CarryableText()))
                .build();
        // without this Woodstox shortens <Tags></Tags> to <Tags/>
        mapper.getFactory().getXMLOutputFactory().setProperty(XMLOutputFactory2.P_AUTOMATIC_EMPTY_ELEMENTS, false);
        return mapper;
    }

    /** Every string value passes through {@link #carryable} on its way out. */
    private static final class CarryableText extends StdSerializer<String> {
        CarryableText() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(carryable(value));
        }
    }
}
