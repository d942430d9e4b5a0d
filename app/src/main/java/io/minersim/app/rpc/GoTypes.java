package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Go-ish names for Java types (what go-jsonrpc prints with {@code %T}) and Go-like texts for Jackson decoding
 * failures, so that no Java class name reaches the wire. A class or parameter may carry any annotation whose simple
 * name is {@code GoType} with a {@code value()} String to name its Go type exactly (e.g. {@code abi.SectorNumber}).
 */
final class GoTypes {
    private static final Map<Class<?>, String> KNOWN = Map.ofEntries(
            Map.entry(boolean.class, "bool"), Map.entry(Boolean.class, "bool"),
            Map.entry(byte.class, "int8"), Map.entry(Byte.class, "int8"),
            Map.entry(short.class, "int16"), Map.entry(Short.class, "int16"),
            Map.entry(int.class, "int32"), Map.entry(Integer.class, "int32"),
            Map.entry(long.class, "int64"), Map.entry(Long.class, "int64"),
            Map.entry(char.class, "int32"), Map.entry(Character.class, "int32"),
            Map.entry(float.class, "float32"), Map.entry(Float.class, "float32"),
            Map.entry(double.class, "float64"), Map.entry(Double.class, "float64"),
            Map.entry(String.class, "string"), Map.entry(CharSequence.class, "string"),
            Map.entry(byte[].class, "[]uint8"),
            Map.entry(BigInteger.class, "big.Int"), Map.entry(BigDecimal.class, "float64"),
            Map.entry(UUID.class, "uuid.UUID"), Map.entry(Duration.class, "time.Duration"),
            Map.entry(Instant.class, "time.Time"), Map.entry(OffsetDateTime.class, "time.Time"),
            Map.entry(ZonedDateTime.class, "time.Time"), Map.entry(InputStream.class, "io.Reader"),
            Map.entry(Object.class, "interface {}"));

    private final ObjectMapper mapper;

    GoTypes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The Go-ish name of a Java type, package-qualified only where we know Go's package. */
    String name(JavaType t) {
        Class<?> raw = t.getRawClass();
        String annotated = goTypeAnnotation(raw);
        if (annotated != null) {
            return annotated;
        }
        String known = KNOWN.get(raw);
        if (known != null) {
            return known;
        }
        if (t.isArrayType()) {
            return "[]" + name(t.getContentType());
        }
        if (t.isCollectionLikeType()) {
            return "[]" + name(t.getContentType());
        }
        if (t.isMapLikeType()) {
            return "map[" + name(t.getKeyType()) + "]" + name(t.getContentType());
        }
        if (t.isReferenceType()) {
            return "*" + name(t.getContentType());
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return "interface {}";
        }
        return simpleName(raw);
    }

    /** How go-jsonrpc prints a parameter's type in decode errors: {@code %T} of a pointer to it. */
    String paramName(AnnotatedElement parameter, JavaType t) {
        String annotated = goTypeAnnotation(parameter);
        return "*" + (annotated != null ? annotated : name(t));
    }

    private static String simpleName(Class<?> c) {
        String s = c.getSimpleName();
        return s.isEmpty() ? "struct {}" : s;
    }

    /** The value of an annotation named GoType on the element, if any. */
    static String goTypeAnnotation(AnnotatedElement e) {
        for (Annotation a : e.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals("GoType")) {
                Object v = annotationValue(a);
                if (v instanceof String s && !s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    /** An attribute of the element's annotation of that simple name, read reflectively, or null. */
    static Object annotationAttribute(AnnotatedElement e, String annotation, String attribute) {
        for (Annotation a : e.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(annotation)) {
                try {
                    Method m = a.annotationType().getMethod(attribute);
                    m.setAccessible(true);
                    return m.invoke(a);
                } catch (ReflectiveOperationException | RuntimeException ex) {
                    return null;
                }
            }
        }
        return null;
    }

    /** {@code value()} of an annotation read reflectively, or null. */
    static Object annotationValue(Annotation a) {
        try {
            Method m = a.annotationType().getMethod("value");
            m.setAccessible(true);
            return m.invoke(a);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ decode errors

    /**
     * The text Go's {@code json.Unmarshal} would give for a value Jackson could not decode: a custom decoder's own
     * message when user code threw, else {@code json: cannot unmarshal <kind> into Go value of type <T>} or
     * {@code ... into Go struct field <Struct>.<path> of type <T>}.
     */
    String decodeError(Throwable e, byte[] raw, JavaType type, String rootGoName) {
        String own = userMessage(e);
        if (own != null) {
            return own;
        }
        List<JsonMappingException.Reference> path =
                e instanceof JsonMappingException jme ? jme.getPath() : List.of();
        // walk the Java type along the path, as Go's error context does
        JavaType cur = type;
        String struct = null;
        List<String> fields = new ArrayList<>();
        boolean lost = false;
        for (JsonMappingException.Reference ref : path) {
            if (cur == null) {
                lost = true;
                break;
            }
            if (ref.getFieldName() != null) {
                if (cur.isMapLikeType()) {
                    cur = cur.getContentType();
                    continue;
                }
                BeanPropertyDefinition prop = property(cur, ref.getFieldName());
                struct = name(cur);
                if (struct.contains(".")) {
                    struct = struct.substring(struct.lastIndexOf('.') + 1);
                }
                fields.add(prop != null ? prop.getName() : ref.getFieldName());
                cur = prop != null ? prop.getPrimaryType() : null;
            } else if (ref.getIndex() >= 0) {
                cur = cur.getContentType();
            }
        }
        if (lost || cur == null) {
            cur = targetType(e);
        }
        String target = cur == null ? "interface {}" : name(cur);
        if (fields.isEmpty() && !lost && rootGoName != null && path.stream().allMatch(r -> r.getFieldName() == null
                && r.getIndex() < 0)) {
            target = rootGoName; // the parameter itself: use its declared Go name
        }
        String kind = kindAt(raw, path, cur);
        if (struct != null && !fields.isEmpty()) {
            return "json: cannot unmarshal " + kind + " into Go struct field " + struct + "."
                    + String.join(".", fields) + " of type " + target;
        }
        return "json: cannot unmarshal " + kind + " into Go value of type " + target;
    }

    private JavaType targetType(Throwable e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie
                && mie.getTargetType() != null) {
            return mapper.constructType(mie.getTargetType());
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof com.fasterxml.jackson.core.exc.InputCoercionException ice && ice.getTargetType() != null) {
                return mapper.constructType(ice.getTargetType());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The message of an exception thrown by user code (a creator or custom deserializer), if there is one. */
    private static String userMessage(Throwable e) {
        Throwable c = e;
        if (c instanceof ValueInstantiationException && c.getCause() != null) {
            c = c.getCause();
        } else {
            while (c instanceof JacksonException && c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
        }
        if (c instanceof JacksonException || c instanceof DatabindException) {
            return null;
        }
        if (c instanceof NumberFormatException || c instanceof ArithmeticException) {
            return null; // Jackson's own number handling, not user code
        }
        String m = Messages.sanitize(c.getMessage());
        return m == null || m.isEmpty() ? null : m;
    }

    private BeanPropertyDefinition property(JavaType beanType, String name) {
        try {
            BeanDescription d = mapper.getDeserializationConfig().introspect(beanType);
            BeanPropertyDefinition ci = null;
            for (BeanPropertyDefinition p : d.findProperties()) {
                if (p.getName().equals(name)) {
                    return p;
                }
                if (ci == null && p.getName().equalsIgnoreCase(name)) {
                    ci = p;
                }
            }
            return ci;
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** Go's value kind of the JSON at {@code path} in {@code raw}: "number 1.5" for numeric targets. */
    private static String kindAt(byte[] raw, List<JsonMappingException.Reference> path, JavaType target) {
        try (JsonParser p = GoJson.FACTORY.createParser(raw)) {
            JsonToken t = p.nextToken();
            for (JsonMappingException.Reference ref : path) {
                if (ref.getFieldName() != null && t == JsonToken.START_OBJECT) {
                    boolean found = false;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        t = p.nextToken();
                        if (k.equalsIgnoreCase(ref.getFieldName())) {
                            found = true;
                            break;
                        }
                        p.skipChildren();
                    }
                    if (!found) {
                        break;
                    }
                } else if (ref.getIndex() >= 0 && t == JsonToken.START_ARRAY) {
                    int i = 0;
                    boolean found = false;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (i++ == ref.getIndex()) {
                            found = true;
                            break;
                        }
                        p.skipChildren();
                    }
                    if (!found) {
                        break;
                    }
                } else {
                    break;
                }
            }
            String kind = GoJson.goKind(t);
            if (kind == null) {
                return "null";
            }
            if (kind.equals("number") && target != null && isNumeric(target.getRawClass())) {
                return "number " + p.getText();
            }
            return kind;
        } catch (IOException | RuntimeException ex) {
            return "value";
        }
    }

    private static boolean isNumeric(Class<?> c) {
        return c.isPrimitive() && c != boolean.class && c != char.class || Number.class.isAssignableFrom(c);
    }
}
