package dev.rekey.engines.guest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.rekey.engines.guest.AgentMessages.Reply;
import dev.rekey.engines.guest.AgentMessages.Request;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentMessagesTest {

    @Test
    void requestsAreWrittenAsTheAgentExpectsThem() {
        assertEquals("{\"execute\":\"guest-ping\"}", AgentMessages.write(Request.of("guest-ping")));
        assertEquals("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":9007199254740991}}",
                AgentMessages.write(new Request("guest-sync", new AgentMessages.SyncArguments((1L << 53) - 1))));
        assertEquals("{\"execute\":\"guest-set-user-password\",\"arguments\":"
                        + "{\"username\":\"ubuntu\",\"password\":\"JDYkYQ==\",\"crypted\":true}}",
                AgentMessages.write(new Request("guest-set-user-password",
                        new AgentMessages.SetUserPasswordArguments("ubuntu", "JDYkYQ==", true))));
    }

    @Test
    void stringsInRequestsAreEscapedAndReadBackUnchanged() {
        String tricky = "a\"b\\c\nd\u0001é";
        String line = AgentMessages.write(Request.of(tricky));
        assertTrue(!line.contains("\n"), "a request stays on one line: " + line);
        String echoed = "{\"return\":" + line.substring("{\"execute\":".length(), line.length() - 1) + "}";
        assertEquals(tricky, AgentMessages.readReply(echoed).orElseThrow().value().asText());
    }

    @Test
    void returnAndErrorRepliesAreRead() {
        assertEquals(JsonNodeFactory.instance.numberNode(424242),
                AgentMessages.readReply("{\"return\": 424242}").orElseThrow().value());
        assertEquals(JsonNodeFactory.instance.objectNode(),
                AgentMessages.readReply("{\"return\": {}}").orElseThrow().value());
        Reply error = AgentMessages.readReply("{\"error\": {\"class\": \"CommandNotFound\", "
                + "\"desc\": \"Command guest-exec has been disabled\"}}").orElseThrow();
        assertNull(error.value(), "no return member");
        assertEquals(new AgentMessages.Error("CommandNotFound", "Command guest-exec has been disabled"), error.error());
        assertEquals(NullNode.getInstance(), AgentMessages.readReply("{\"return\": null}").orElseThrow().value(),
                "a null return is still a return");
        assertEquals("\uFFFD\n", AgentMessages.readReply(" {\"return\":\"\\uFFFD\\n\",\"newer\":[true]} ")
                .orElseThrow().value().asText(), "unknown members are ignored");
    }

    @Test
    void guestInfoIsReadIntoItsCommands() {
        Reply reply = AgentMessages.readReply("{\"return\":{\"version\":\"7.2.19\",\"supported_commands\":["
                + "{\"enabled\":true,\"name\":\"guest-ping\",\"success-response\":true},"
                + "{\"enabled\":false,\"name\":\"guest-exec\",\"success-response\":true}]}}").orElseThrow();
        AgentMessages.Info info = AgentMessages.readInfo(reply.value()).orElseThrow();
        assertEquals("7.2.19", info.version());
        assertEquals(List.of(new AgentMessages.Command("guest-ping", true), new AgentMessages.Command("guest-exec", false)),
                info.supportedCommands());
        assertEquals(Optional.empty(), AgentMessages.readInfo(JsonNodeFactory.instance.numberNode(1)));
        assertEquals(Optional.empty(), AgentMessages.readInfo(JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void linesThatAreNotOneJsonObjectAreNotReplies() {
        assertEquals(Optional.empty(), AgentMessages.readReply("{\"return\": 1"));
        assertEquals(Optional.empty(), AgentMessages.readReply("{\"return\": 1} x"));
        assertEquals(Optional.empty(), AgentMessages.readReply(""));
        assertEquals(Optional.empty(), AgentMessages.readReply("null"));
        assertEquals(Optional.empty(), AgentMessages.readReply("[1]"));
    }
}
