package io.minersim.app.rpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.minersim.rpc.Permission;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * One served method, as its annotations describe it, read once when the dispatcher is built: wire name,
 * permission, whether it returns a channel, its parameter count, and how it is answered (by calling the method and
 * encoding its value, or through the implementation's {@link ResultWriter}). How each parameter is decoded (its Jackson
 * type and reader, which introspect the wire types) is worked out on the method's first call: building every
 * method's readers took a good part of a start, for methods most runs never see.
 */
final class RpcMethod {
    /** What a bound result writer takes: the response being written and the decoded arguments. */
    private static final MethodType WRITER = MethodType.methodType(void.class, GoJsonWriter.class, Object[].class);

    final String wireName;
    /** Lotus's permission error names the Go method: the wire name without its namespace. */
    final String goName;
    final Method method;
    final Object target;
    final Permission permission;
    final boolean channel;
    /** How many parameters it takes. */
    final int arity;
    private final GoTypes goTypes;
    private final ObjectMapper mapper;
    private final Map<Type, ParamDecoder> decoders;
    /** The decoding of each parameter, made by the first call (see {@link #params()}). */
    private volatile Param[] params;
    /** The implementation's result writer as {@code (GoJsonWriter out, Object[] args) void}, or null. */
    final MethodHandle writer;
    /** Times the calls, or null. */
    final CallTimer.Recorder timer;

    /** How one positional parameter is decoded: by its custom decoder, else by its reader. */
    record Param(JavaType type, String goName, ParamDecoder decoder, ObjectReader reader, GoTypes goTypes,
            boolean unsigned) {
    }

    RpcMethod(String wireName, Method method, Object target, Permission permission, boolean channel,
            Method resultWriter, GoTypes goTypes, ObjectMapper mapper, Map<Type, ParamDecoder> decoders,
            CallTimer timer) {
        this.wireName = wireName;
        int dot = wireName.indexOf('.');
        this.goName = dot >= 0 ? wireName.substring(dot + 1) : wireName;
        this.method = method;
        this.target = target;
        this.permission = permission;
        this.channel = channel;
        try {
            method.setAccessible(true);
        } catch (RuntimeException e) {
            // public interface methods need no access override
        }
        this.arity = method.getParameterCount();
        this.goTypes = goTypes;
        this.mapper = mapper;
        this.decoders = decoders;
        if (resultWriter != null && channel) {
            throw new IllegalArgumentException(describe(resultWriter) + " cannot write " + wireName
                    + "'s result: it returns a channel");
        }
        this.writer = resultWriter == null ? null : bind(resultWriter, target, arity);
        this.timer = timer == null ? null : timer.forMethod(wireName, goName);
    }

    /**
     * How each parameter is decoded, worked out on first use; racing first calls each work out the same answer from
     * the same immutable inputs, and one of them is kept.
     */
    Param[] params() {
        Param[] p = params;
        if (p == null) {
            p = params(method, goTypes, mapper, decoders);
            params = p;
        }
        return p;
    }

    private static Param[] params(Method method, GoTypes goTypes, ObjectMapper mapper,
            Map<Type, ParamDecoder> decoders) {
        Parameter[] ps = method.getParameters();
        Type[] gts = method.getGenericParameterTypes();
        Param[] out = new Param[ps.length];
        for (int i = 0; i < ps.length; i++) {
            ParamDecoder d = decoders.get(gts[i]);
            if (d == null) {
                d = decoders.get(ps[i].getType());
            }
            JavaType jt = mapper.getTypeFactory().constructType(gts[i]);
            boolean unsigned = (ps[i].getType() == long.class || ps[i].getType() == Long.class)
                    && Boolean.TRUE.equals(GoTypes.annotationAttribute(ps[i], "GoType", "unsigned"));
            out[i] = new Param(jt, goTypes.paramName(ps[i], jt), d, d == null ? mapper.readerFor(jt) : null,
                    goTypes, unsigned);
        }
        return out;
    }

    /**
     * The writer bound to its implementation and shaped {@code (GoJsonWriter out, Object[] args) void}: the
     * arguments are spread and unboxed by the handle itself, so a call is neither reflective nor allocating.
     */
    private static MethodHandle bind(Method writer, Object target, int arity) {
        try {
            writer.setAccessible(true);
            MethodHandle bound = MethodHandles.lookup().unreflect(writer).bindTo(target); // (args..., out)
            int[] outFirst = new int[arity + 1];
            for (int i = 0; i < arity; i++) {
                outFirst[i] = i + 1;
            }
            MethodType reordered = bound.type().dropParameterTypes(arity, arity + 1)
                    .insertParameterTypes(0, GoJsonWriter.class);
            return MethodHandles.permuteArguments(bound, reordered, outFirst).asSpreader(Object[].class, arity)
                    .asType(WRITER);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot call the result writer " + describe(writer), e);
        }
    }

    static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }
}
