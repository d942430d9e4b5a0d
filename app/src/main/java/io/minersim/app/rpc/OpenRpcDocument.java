package io.minersim.app.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.RpcJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What an endpoint's {@code Discover} answers: one of Lotus's OpenRPC documents from the jar, its keys sorted as
 * Lotus re-encodes it, listing only the methods the endpoint serves, so a client that feature-detects through it
 * finds what it can call.
 */
public final class OpenRpcDocument {
    private OpenRpcDocument() {
    }

    /** The wire names of the {@link JsonRpcMethod}s of {@code apis}. */
    public static Set<String> served(List<Class<?>> apis) {
        Set<String> names = new TreeSet<>();
        for (Class<?> api : apis) {
            for (Method m : api.getMethods()) {
                JsonRpcMethod name = m.getAnnotation(JsonRpcMethod.class);
                if (name != null) {
                    names.add(name.value());
                }
            }
        }
        return names;
    }

    /**
     * {@link #load} on first use, then the same document: reading and re-encoding the half-megabyte document costs a
     * good part of a start, and only {@code Discover} needs it.
     */
    public static Supplier<ObjectNode> lazy(String resource, List<Class<?>> apis) {
        List<Class<?>> copy = List.copyOf(apis);
        return new Supplier<>() {
            private ObjectNode doc;

            @Override
            public synchronized ObjectNode get() {
                if (doc == null) {
                    doc = load(resource, copy);
                }
                return doc;
            }
        };
    }

    /** The document at {@code resource}, keys sorted, its methods cut down to those of {@code apis}. */
    public static ObjectNode load(String resource, List<Class<?>> apis) {
        try (InputStream in = OpenRpcDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the OpenRPC document " + resource + " is missing from the jar");
            }
            ObjectMapper sorted = RpcJson.newObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            Object tree = sorted.readValue(in, Object.class);
            ObjectNode doc = (ObjectNode) sorted.readTree(sorted.writeValueAsBytes(tree));
            Set<String> served = served(apis);
            ArrayNode methods = (ArrayNode) doc.get("methods");
            for (int i = methods.size() - 1; i >= 0; i--) {
                if (!served.contains(methods.get(i).path("name").asText())) {
                    methods.remove(i);
                }
            }
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenRPC document " + resource, e);
        }
    }
}
