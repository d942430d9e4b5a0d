package io.minersim.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Lotus's miner OpenRPC document (the trimmed test resource, see its README.txt) and validators for
 * its result schemas.
 *
 * <p>The document declares no {@code $schema}; its schemas are reflected from Go types in the
 * draft-04..07 style ({@code "type"} as a string or an array of strings, {@code properties},
 * {@code patternProperties}, {@code additionalProperties}, {@code items}, {@code minItems},
 * {@code maxItems}, {@code format}), so they are read as draft-07. {@code media}/{@code binaryEncoding}
 * (a hyper-schema annotation the generator adds to {@code []byte}) are declared non-validating;
 * any other unknown keyword is ignored by the library's lenient default, and
 * {@link #unknownKeywords()} lists them so a test can insist there are none.
 */
final class LotusOpenRpc {
    static final String RESOURCE = "/lotus/miner-openrpc-trimmed.json";

    /** Every draft-07 keyword, validating or annotation. */
    static final Set<String> DRAFT7_KEYWORDS = Set.of("$schema", "$id", "$ref", "$comment", "title", "description",
            "default", "readOnly", "writeOnly", "examples", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
            "exclusiveMinimum", "maxLength", "minLength", "pattern", "additionalItems", "items", "maxItems",
            "minItems", "uniqueItems", "contains", "maxProperties", "minProperties", "required",
            "additionalProperties", "definitions", "properties", "patternProperties", "dependencies",
            "propertyNames", "const", "enum", "type", "format", "contentMediaType", "contentEncoding", "if", "then",
            "else", "allOf", "anyOf", "oneOf", "not");
    /** Keywords the document uses that draft-07 lacks; annotations only. */
    static final Set<String> ANNOTATION_KEYWORDS = Set.of("media", "binaryEncoding");

    private final JsonNode document;
    private final Map<String, JsonNode> resultSchemas = new LinkedHashMap<>();
    private final SchemaRegistry registry;

    private LotusOpenRpc(JsonNode document) {
        this.document = document;
        for (JsonNode m : document.get("methods")) {
            resultSchemas.put(m.get("name").asText(), m.get("result").get("schema"));
        }
        Dialect.Builder meta = Dialect.builder(Dialects.getDraft7());
        ANNOTATION_KEYWORDS.forEach(k -> meta.keyword(new NonValidationKeyword(k)));
        Dialect draft7 = meta.build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).typeLoose(false)
                .failFast(false).build();
        this.registry = SchemaRegistry.withDefaultDialect(draft7, b -> b.schemaRegistryConfig(config));
    }

    static LotusOpenRpc load() {
        return load(RESOURCE);
    }

    /** The document in test resource {@code resource} (the miner's, or the full node's trimmed copy). */
    static LotusOpenRpc load(String resource) {
        try (InputStream in = LotusOpenRpc.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return new LotusOpenRpc(RawRpc.JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** The wire names of the document's methods, in its order. */
    Set<String> methodNames() {
        return Collections.unmodifiableSet(resultSchemas.keySet());
    }

    /** The result schema exactly as Lotus's document has it. */
    JsonNode rawResultSchema(String method) {
        JsonNode s = resultSchemas.get(method);
        if (s == null) {
            throw new IllegalArgumentException("the document has no method " + method);
        }
        return s;
    }

    /** A validator for a schema node, read as draft-07. */
    Schema validator(JsonNode schema) {
        return registry.getSchema(schema);
    }

    /** The validator's messages for {@code value} against {@code schema}, sorted; empty when valid. */
    List<String> problems(JsonNode schema, JsonNode value) {
        List<com.networknt.schema.Error> messages = validator(schema).validate(value);
        return messages.stream().map(com.networknt.schema.Error::toString).sorted().collect(Collectors.toList());
    }

    /** The keywords the result and param schemas use that are neither draft-07 nor declared annotations. */
    Set<String> unknownKeywords() {
        Set<String> unknown = new TreeSet<>();
        for (JsonNode m : document.get("methods")) {
            collectUnknown(m.get("result").get("schema"), unknown);
            for (JsonNode p : m.get("params")) {
                collectUnknown(p.get("schema"), unknown);
            }
        }
        return unknown;
    }

    private static void collectUnknown(JsonNode schema, Set<String> unknown) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        schema.properties().forEach(e -> {
            String k = e.getKey();
            if (!DRAFT7_KEYWORDS.contains(k) && !ANNOTATION_KEYWORDS.contains(k)) {
                unknown.add(k);
            }
            switch (k) {
                case "properties", "patternProperties", "definitions" ->
                        e.getValue().forEach(sub -> collectUnknown(sub, unknown));
                case "items", "additionalItems", "additionalProperties", "not", "contains", "propertyNames", "if",
                        "then", "else" -> {
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(sub -> collectUnknown(sub, unknown));
                    } else {
                        collectUnknown(e.getValue(), unknown);
                    }
                }
                case "allOf", "anyOf", "oneOf" -> e.getValue().forEach(sub -> collectUnknown(sub, unknown));
                default -> {
                    // a keyword whose value is not a schema ("media" holds {"binaryEncoding": ...})
                }
            }
        });
    }
}
