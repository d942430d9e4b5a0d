package io.minersim.app.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.RequiresPermission;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods a dispatcher serves, read once from the annotations of (interface, implementation) pairs: every
 * interface method needs {@code @JsonRpcMethod("Filecoin.X")} (its wire name) and {@code @RequiresPermission}; an
 * annotation named {@code RpcAlias} ({@code value()}: a String or Strings) adds wire names, one named
 * {@code ChannelMethod} marks a method that returns a channel (WebSocket only), and an implementation method
 * annotated {@link ResultWriter} answers the interface method of its name and leading parameters. Anything
 * malformed fails the build with an {@link IllegalArgumentException}.
 */
final class MethodTable {
    /**
     * An interface served by calling an implementation; {@code replaces}: its wire names take the place of the same
     * names registered before (go-jsonrpc's {@code Register} overwrites by name), where otherwise a name used twice
     * fails the build.
     */
    record Registration(Class<?> api, Object implementation, boolean replaces) {
    }

    private final Map<String, RpcMethod> methods;
    private final Map<String, String> aliases;

    MethodTable(List<Registration> registrations, ObjectMapper mapper, Map<Type, ParamDecoder> decoders,
            CallTimer timer) {
        GoTypes goTypes = new GoTypes(mapper);
        // read by each method's first call, so kept as they are now: a builder used again cannot change them
        Map<Type, ParamDecoder> frozenDecoders = Map.copyOf(decoders);
        Map<String, RpcMethod> m = new LinkedHashMap<>();
        Map<String, String> a = new LinkedHashMap<>();
        Set<Method> unmatchedWriters = new LinkedHashSet<>();
        for (Registration r : registrations) {
            List<Method> writers = resultWriters(r.implementation.getClass());
            unmatchedWriters.addAll(writers);
            for (Method method : r.api.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                JsonRpcMethod name = method.getAnnotation(JsonRpcMethod.class);
                RequiresPermission perm = method.getAnnotation(RequiresPermission.class);
                if (method.isDefault() && name == null && perm == null) {
                    continue; // a helper, not part of the API
                }
                String where = r.api.getSimpleName() + "." + method.getName();
                if (name == null || name.value() == null || name.value().isEmpty()) {
                    throw new IllegalArgumentException(where + " has no @JsonRpcMethod wire name");
                }
                if (perm == null || perm.value() == null) {
                    throw new IllegalArgumentException(where + " has no @RequiresPermission");
                }
                Method writer = writerOf(method, writers);
                unmatchedWriters.remove(writer);
                RpcMethod h = new RpcMethod(name.value(), method, r.implementation, perm.value(),
                        hasAnnotationNamed(method, "ChannelMethod"), writer, goTypes, mapper, frozenDecoders, timer);
                if (r.replaces) {
                    m.remove(h.wireName);
                    a.values().removeIf(h.wireName::equals);
                }
                claim(h.wireName, m, a);
                m.put(h.wireName, h);
                for (String alias : aliasesOf(method)) {
                    claim(alias, m, a);
                    a.put(alias, h.wireName);
                }
            }
        }
        if (!unmatchedWriters.isEmpty()) {
            Method w = unmatchedWriters.iterator().next();
            throw new IllegalArgumentException(RpcMethod.describe(w) + " is a @ResultWriter of no API method: it "
                    + "must have an API method's name and parameters, then a GoJsonWriter, and return void");
        }
        this.methods = Collections.unmodifiableMap(m);
        this.aliases = Collections.unmodifiableMap(a);
    }

    private static void claim(String wireName, Map<String, RpcMethod> methods, Map<String, String> aliases) {
        if (methods.containsKey(wireName) || aliases.containsKey(wireName)) {
            throw new IllegalArgumentException("wire name " + wireName + " is used twice");
        }
    }

    /** The method served under {@code wireName} or an alias of it, or null. */
    RpcMethod lookup(String wireName) {
        RpcMethod h = methods.get(wireName);
        if (h == null) {
            String to = aliases.get(wireName);
            if (to != null) {
                h = methods.get(to);
            }
        }
        return h;
    }

    /** Every wire name served, aliases included, sorted. */
    Set<String> names() {
        Set<String> all = new TreeSet<>(methods.keySet());
        all.addAll(aliases.keySet());
        return Collections.unmodifiableSet(all);
    }

    // ------------------------------------------------------------------------------------------ result writers

    /** The implementation's {@link ResultWriter} methods, declared or inherited, public or not. */
    private static List<Method> resultWriters(Class<?> implementation) {
        List<Method> out = new ArrayList<>();
        for (Class<?> c = implementation; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method w : c.getDeclaredMethods()) {
                if (w.isAnnotationPresent(ResultWriter.class)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** The writer of {@code method}'s result: an instance method of its name, its parameters then a GoJsonWriter. */
    private static Method writerOf(Method method, List<Method> writers) {
        Class<?>[] params = method.getParameterTypes();
        for (Method w : writers) {
            Class<?>[] p = w.getParameterTypes();
            if (w.getName().equals(method.getName()) && w.getReturnType() == void.class
                    && !Modifier.isStatic(w.getModifiers()) && p.length == params.length + 1
                    && p[params.length] == GoJsonWriter.class
                    && Arrays.equals(p, 0, params.length, params, 0, params.length)) {
                return w;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ annotations

    private static boolean hasAnnotationNamed(Method m, String simpleName) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    /** Values of annotations named RpcAlias (a String or String[] value), also inside a repeatable container. */
    private static List<String> aliasesOf(Method m) {
        List<String> out = new ArrayList<>();
        for (Annotation a : m.getAnnotations()) {
            collectAliases(a, out, 0);
        }
        return out;
    }

    private static void collectAliases(Annotation a, List<String> out, int depth) {
        Object v = GoTypes.annotationValue(a);
        if (a.annotationType().getSimpleName().equals("RpcAlias")) {
            if (v instanceof String s && !s.isEmpty()) {
                out.add(s);
            } else if (v instanceof String[] ss) {
                for (String s : ss) {
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        } else if (depth == 0 && v instanceof Annotation[] inner) {
            for (Annotation i : inner) {
                collectAliases(i, out, 1);
            }
        }
    }
}
