package dev.rekey.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds the YAML into {@link ConfigFile} (and an admin API body into an instance entry) with Jackson, strictly: an unknown key, a string where a number goes, a
 * fraction where a whole number goes or an empty list entry is an error, never a guess. Every Jackson error becomes a
 * {@link ConfigException} naming the key path and line, in words of the file's own; none quotes a secret.
 */
final class ConfigBinding {
    /** The reader attribute that holds the environment {@code admin-password-env} is looked up in. */
    private static final String ENVIRONMENT = "rekey.environment";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private static final ObjectMapper MAPPER = configured(YAMLMapper.builder());
    /** The admin API's JSON, bound with exactly the file's records, deserializers and refusals. */
    static final ObjectMapper JSON = configured(JsonMapper.builder().withCoercionConfig(LogicalType.Textual, c -> {
        // JSON has types of its own: a number or true where text goes is a mistake, not a text to guess
        c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }));

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configured(B builder) {
        return builder
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .addModule(new SimpleModule()
                    .addDeserializer(Secret.class, new SecretValue())
                    .addDeserializer(Duration.class, new DurationValue())
                    .addDeserializer(Product.class, new Choice<>(Product.class, Product::key))
                    .addDeserializer(EngineKind.class, new Choice<>(EngineKind.class, ConfigBinding::lowerCase))
                    .addDeserializer(RekeyConfig.EngineType.class, new Choice<>(RekeyConfig.EngineType.class, RekeyConfig.EngineType::spelling))
                    .addDeserializer(RekeyConfig.Members.class, new MembersValue())
                    .addDeserializer(CvmInstanceState.class, new Choice<>(CvmInstanceState.class, Enum::name))
                    .addDeserializer(RekeyConfig.Os.class, new Choice<>(RekeyConfig.Os.class, ConfigBinding::lowerCase))
                    .addDeserializer(LogFormat.class, new Choice<>(LogFormat.class, ConfigBinding::lowerCase)))
            .build();
    }

    /**
     * One {@code instances} entry given as JSON (the admin API), bound as the file binds it; errors name the key
     * under {@code at} and its line.
     */
    static RekeyConfig.InstanceConfig instance(JsonNode node, Function<String, String> env, ConfigPath at) {
        try {
            return JSON.readerFor(RekeyConfig.InstanceConfig.class).withAttribute(ENVIRONMENT, env).readValue(node);
        } catch (JsonMappingException e) {
            throw error(e, at);
        } catch (IOException e) {
            throw at.error("cannot be read here");
        }
    }

    private ConfigBinding() {
    }

    /**
     * The file's sections; an empty file is a file of defaults. {@code env} answers {@code admin-password-env};
     * {@code lines} places errors (Jackson's own location is often the end of the enclosing mapping).
     */
    static ConfigFile read(String yaml, Function<String, String> env, Map<String, Integer> lines) {
        ObjectReader reader = MAPPER.readerFor(ConfigFile.class).withAttribute(ENVIRONMENT, env);
        try (JsonParser p = reader.createParser(yaml)) {
            if (p.nextToken() == null) return ConfigFile.empty();
            ConfigFile file = reader.readValue(p);
            return file == null ? ConfigFile.empty() : file;
        } catch (JsonMappingException e) {
            throw error(e, lines);
        } catch (IOException e) {
            throw notYaml(e);
        }
    }

    /** The limits that are given, per product key and name, as the APIs read them ({@code core.Limits}). */
    static Map<String, Map<String, Integer>> limits(ConfigFile.LimitsSection section) {
        return MAPPER.convertValue(section, new TypeReference<>() {
        });
    }

    /** A syntax error: where, and what the parser expected; never the line's text, which may hold a key or password. */
    static ConfigException notYaml(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                Mark mark = m.getContextMark() != null ? m.getContextMark() : m.getProblemMark();
                String what = m.getContext() == null ? m.getProblem() : m.getContext() + ": " + m.getProblem();
                return ConfigException.at("", mark == null ? null : mark.getLine() + 1, "not valid YAML (" + what + ")");
            }
        }
        Integer line = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : null;
        return ConfigException.at("", line, "not valid YAML");
    }

    private static ConfigException error(JsonMappingException e, Map<String, Integer> lines) {
        return error(e, ConfigPath.root(lines));
    }

    private static ConfigException error(JsonMappingException e, ConfigPath at) {
        for (JsonMappingException.Reference r : e.getPath()) at = r.getFieldName() != null ? at.key(r.getFieldName()) : at.item(r.getIndex());
        return at.error(problem(e));
    }

    /** Jackson's own messages name Java types and may quote the value: each case is said again in the file's terms. */
    private static String problem(JsonMappingException e) {
        return switch (e) {
            case Refusal r -> r.getOriginalMessage();
            case UnrecognizedPropertyException u -> "unknown key '" + u.getPropertyName() + "' (allowed here: "
                    + String.join(", ", names(u.getKnownPropertyIds())) + ")";
            case InvalidNullException n -> "an entry is empty";
            case MismatchedInputException m when m.getTargetType() != null -> "must be " + expected(m.getTargetType());
            default -> e.getCause() instanceof InputCoercionException ? "is too large a number" : "cannot be read here";
        };
    }

    private static TreeSet<String> names(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a text value";
        if (Collection.class.isAssignableFrom(type)) return "a list";
        return "a mapping of keys to values";
    }

    private static String lowerCase(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A problem found while binding, with Rekey's own wording; Jackson adds the key path on its way out. */
    private static final class Refusal extends JsonMappingException {
        Refusal(JsonParser p, String message) {
            super(p, message);
        }
    }

    /** A secret is any scalar, kept as text; the refusal of anything else does not quote it. */
    private static final class SecretValue extends JsonDeserializer<Secret> {
        @Override
        public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) throw new Refusal(p, "must be a text value");
            return Secret.of(p.getText());
        }
    }

    /** {@code admin-password-env: NAME}: the secret is the variable's value, so that it never sits in the file. */
    static final class FromEnvironment extends JsonDeserializer<Secret> {
        @Override
        @SuppressWarnings("unchecked")
        public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) throw new Refusal(p, "must be the name of an environment variable");
            String name = p.getText();
            String value = ((Function<String, String>) ctxt.getAttribute(ENVIRONMENT)).apply(name);
            if (value == null) throw new Refusal(p, "the environment variable " + name + " is not set");
            return Secret.of(value);
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}: a whole number and its unit, which is never implied. */
    private static final class DurationValue extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Matcher m = DURATION.matcher(p.currentToken().isScalarValue() ? p.getText().trim() : "");
            if (!m.matches()) {
                String given = p.currentToken().isScalarValue() ? ", not '" + p.getText() + "'" : "";
                throw new Refusal(p, "must be a duration with its unit, such as 500ms, 2s or 1m" + given);
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }

    /** A count of members Rekey spawns, or the list of those it reaches ({@link RekeyConfig.Members}). */
    private static final class MembersValue extends JsonDeserializer<RekeyConfig.Members> {
        @Override
        public RekeyConfig.Members deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                int count = p.getIntValue();
                if (count < 0) throw new Refusal(p, "must not be negative");
                return new RekeyConfig.Members(count, List.of());
            }
            if (p.currentToken() == JsonToken.START_ARRAY) {
                JavaType list = ctxt.getTypeFactory().constructCollectionType(List.class, RekeyConfig.Address.class);
                List<RekeyConfig.Address> listed = ctxt.readValue(p, list);
                return new RekeyConfig.Members(0, listed);
            }
            throw new Refusal(p, "must be a number (members Rekey spawns) or a list of { host, port }");
        }
    }

    /** One of an enum's values, spelt as the file spells it (any case); a refusal lists them all. */
    private static final class Choice<E extends Enum<E>> extends JsonDeserializer<E> {
        private final List<E> values;
        private final Function<E, String> spelling;

        Choice(Class<E> type, Function<E, String> spelling) {
            this.values = Arrays.asList(type.getEnumConstants());
            this.spelling = spelling;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.currentToken().isScalarValue() ? p.getText().trim() : null;
            for (E value : values) {
                if (spelling.apply(value).equalsIgnoreCase(text)) return value;
            }
            String all = values.stream().map(spelling).collect(Collectors.joining(", "));
            throw new Refusal(p, "must be one of " + all + (text == null ? "" : ", not '" + text + "'"));
        }
    }
}
