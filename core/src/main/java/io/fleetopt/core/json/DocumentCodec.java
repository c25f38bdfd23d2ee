package io.fleetopt.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import io.micronaut.serde.config.annotation.SerdeConfig;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads and writes the documents as JSON (Micronaut Serde). Reading is strict: unknown fields, a wrong
 * type or a missing field are rejected, then {@link DocumentValidator} checks the values; the message names
 * the source (a file or artifact key) and the field.
 */
public final class DocumentCodec implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    /** Reading rejects unknown fields; "unknown" is written as an explicit null and an empty list as [], never left out. */
    private static final Map<String, Object> STRICT = Map.of(
            DeserializationConfiguration.PREFIX + ".ignore-unknown", false,
            SerializationConfiguration.PREFIX + ".inclusion", SerdeConfig.SerInclude.ALWAYS.name());

    private final ObjectMapper mapper;
    private final AutoCloseable closing;
    private final DocumentValidator validator = new DocumentValidator();
    private final Consumer<Object> written;

    public DocumentCodec() {
        this(document -> { });
    }

    /** {@code written} is told of every document {@link #write} writes (the stage's metrics come from them). */
    public DocumentCodec(Consumer<Object> written) {
        ObjectMapper.CloseableObjectMapper own = ObjectMapper.create(STRICT, "io.fleetopt");
        this.written = written;
        this.mapper = own;
        this.closing = own;
    }

    /**
     * Over a running context's mapper, with the same two settings as {@link #STRICT} over that context's own: no
     * second Micronaut context started (the other constructors start one, a stage's init paid it).
     */
    public DocumentCodec(ObjectMapper contextMapper, SerializationConfiguration serialization,
                         DeserializationConfiguration deserialization, Consumer<Object> written) {
        this.written = written;
        this.mapper = contextMapper.cloneWithConfiguration(null, new AlwaysIncluded(serialization),
                new UnknownRejected(deserialization));
        this.closing = () -> { };
    }

    private record AlwaysIncluded(SerializationConfiguration base) implements SerializationConfiguration {
        @Override
        public SerdeConfig.SerInclude getInclusion() {
            return SerdeConfig.SerInclude.ALWAYS;
        }

        @Override
        public boolean isAlwaysSerializeErrorsAsList() {
            return base.isAlwaysSerializeErrorsAsList();
        }

        @Override
        public boolean sortPropertiesAlphabetically() {
            return base.sortPropertiesAlphabetically();
        }
    }

    private record UnknownRejected(DeserializationConfiguration base) implements DeserializationConfiguration {
        @Override
        public boolean isIgnoreUnknown() {
            return false;
        }

        @Override
        public int getArraySizeThreshold() {
            return base.getArraySizeThreshold();
        }

        @Override
        public boolean isStrictNullable() {
            return base.isStrictNullable();
        }

        @Override
        public boolean isFailOnNullForPrimitives() {
            return base.isFailOnNullForPrimitives();
        }

        @Override
        public boolean isSubtypesRequireDefaultImpl() {
            return base.isSubtypesRequireDefaultImpl();
        }

        @Override
        public boolean acceptCaseInsensitiveEnums() {
            return base.acceptCaseInsensitiveEnums();
        }
    }

    /** Parses and validates a document; {@code source} names where it came from, for the error message. */
    public <T> T read(String json, Class<T> type, String source) {
        if (json == null || json.isBlank()) {
            throw new InvalidDocumentException(source + ": is empty, expected a " + type.getSimpleName() + " document");
        }
        T document;
        try {
            document = mapper.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException(source + ": not a valid " + type.getSimpleName() + " document: "
                    + SerdeMessages.explain(e, json), e);
        }
        if (document == null) {
            throw new InvalidDocumentException(source + ": is null, expected a " + type.getSimpleName() + " document");
        }
        validator.validate(document, source);
        return document;
    }

    /** Checks a document built in code (not read) the same way a read one is checked. */
    public void validate(Object document, String source) {
        validator.validate(document, source);
    }

    /** Writes a document as indented JSON. */
    public String write(Object document) {
        try {
            String compact = mapper.writeValueAsString(document);
            StringWriter out = new StringWriter();
            try (JsonParser parser = JSON.createParser(compact);
                 JsonGenerator generator = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
                // token by token, numbers as written: copyCurrentStructure would turn 1.00 into the double 1.0
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                        generator.writeNumber(parser.getText());
                    } else {
                        generator.copyCurrentEvent(parser);
                    }
                }
            }
            written.accept(document);
            return out + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes a value as one compact JSON line (for JSON-lines files). */
    public String writeLine(Object document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public void close() {
        try {
            closing.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close the document mapper's context", e);
        }
    }
}
