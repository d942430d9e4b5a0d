package io.minersim.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Go's {@code json.MarshalIndent(v, "", "  ")} layout of a wire value: every array element and object field on its
 * own line, {@code "key": value}, empty arrays and objects as {@code []} and {@code {}}, and {@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 escaped in strings, as Go's encoder does.
 */
final class GoJson {
    private static final ObjectMapper MAPPER = io.minersim.rpc.RpcJson.newObjectMapper();

    private GoJson() {
    }

    /** The value in the wire's field names and encodings, laid out as Go's {@code MarshalIndent} with two spaces. */
    static String marshalIndent(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, MAPPER.valueToTree(value), "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode node, String indent) {
        String inner = indent + "  ";
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                sb.append(inner).append(scalar(MAPPER.getNodeFactory().textNode(f.getKey()))).append(": ");
                write(sb, f.getValue(), inner);
                sb.append(fields.hasNext() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                sb.append(inner);
                write(sb, node.get(i), inner);
                sb.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else {
            sb.append(scalar(node));
        }
    }

    private static String scalar(JsonNode node) {
        try {
            String s = MAPPER.writeValueAsString(node);
            return node.isTextual() ? s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") : s;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
