package dev.rekey.engines.guest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

/**
 * The guest agent protocol's messages as records, written and read by Jackson: one request per line
 * ({@code {"execute":...,"arguments":{...}}}) and one reply per line ({@code {"return":...}} or
 * {@code {"error":{"class":...,"desc":...}}}).
 */
final class AgentMessages {
    /** A reply is one JSON value and nothing after it: trailing text means the line is not a reply. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AgentMessages() {
    }

    /** A command; {@code arguments} is left out when null, as the agent expects for argument-less commands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String execute, Object arguments) {
        static Request of(String command) {
            return new Request(command, null);
        }
    }

    record SyncArguments(long id) {
    }

    /** {@code password} is the base64 of a crypt(3) hash, never a plain password. */
    record SetUserPasswordArguments(String username, String password, boolean crypted) {
    }

    /**
     * One reply line. {@code value} is null when the reply has no "return" member, and a NullNode when it is JSON
     * null. Members a newer agent adds are ignored.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reply(@JsonProperty("return") JsonNode value, Error error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(@JsonProperty("class") String errorClass, String desc) {
    }

    /** The return value of guest-info, reduced to what {@link AgentInfo} holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Info(String version, @JsonProperty("supported_commands") List<Command> supportedCommands) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Command(String name, Boolean enabled) {
    }

    static String write(Request request) {
        try {
            return MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            // records of strings, numbers and booleans always serialise
            throw new IllegalStateException("cannot serialise a guest agent request", e);
        }
    }

    /** The reply on {@code line}, or empty when the line is not one JSON object. */
    static Optional<Reply> readReply(String line) {
        try {
            return Optional.ofNullable(MAPPER.readValue(line, Reply.class));
        } catch (JsonProcessingException notAReply) {
            return Optional.empty();
        }
    }

    /** guest-info's return value, or empty when it does not have that shape. */
    static Optional<Info> readInfo(JsonNode value) {
        try {
            Info info = MAPPER.treeToValue(value, Info.class);
            return info == null || info.supportedCommands() == null ? Optional.empty() : Optional.of(info);
        } catch (JsonProcessingException | IllegalArgumentException notInfo) {
            return Optional.empty();
        }
    }
}
