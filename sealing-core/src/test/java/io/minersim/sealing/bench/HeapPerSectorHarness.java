package io.minersim.sealing.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.minersim.sealing.Miner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Heap per sector (not a JMH benchmark): seals {@code count} CC sectors to {@code Proving} on a devnet
 * miner, in chunks, and prints the heap the miner holds after full GCs, per sector. Then a per-field
 * breakdown of the miner (a reflective estimate, assuming HotSpot's compressed layout; the history's
 * share is its line) and the JVM's own class histogram of live objects.
 *
 * <p>Arguments: {@code [count=1000000] [chunk=50000]}. Run it with a fixed heap, e.g. {@code -Xms8g
 * -Xmx8g}; see the {@code bench} profile in this module's pom.
 */
public final class HeapPerSectorHarness {

    private HeapPerSectorHarness() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int chunk = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 50_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("JVM %s, max heap %d MiB, %d CPUs, GC %s%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());

        long before = settledHeap(memory);
        long t0 = System.nanoTime();
        BenchRig rig = BenchRig.devnet();
        rig.sealCc(count, chunk);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long moves = rig.miner.historySize();
        long after = settledHeap(memory);
        long held = after - before;

        System.out.printf("sectors %,d (all Proving), chunk %,d, head epoch %,d%n", count, chunk, rig.clock.head());
        System.out.printf("build %.1f s: %,.0f sectors/s, %,.0f moves/s%n", seconds, count / seconds, moves / seconds);
        System.out.printf("history %,d moves (%.1f per sector)%n", moves, (double) moves / count);
        System.out.printf("heap used before %,d B, after %,d B: miner holds %,d B = %.1f B/sector%n", before, after,
                held, (double) held / count);

        breakdown(rig.miner, count);
        classHistogram(25);
        Reference.reachabilityFence(rig);
    }

    /** Heap used after full GCs, once two readings in a row agree within 1 MiB (at most 10 GCs). */
    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(200);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < (1 << 20)) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    // ---------------------------------------------------------------------------------------------
    // Per-field estimate

    private static void breakdown(Miner miner, long count) {
        Sizer sizer = new Sizer();
        sizer.visited.put(miner, Boolean.TRUE);
        long total = sizer.shallow(miner);
        // the engine's state lives in the miner's pipeline: break that down field by field
        Object engine = miner;
        for (Field f : instanceFields(Miner.class)) {
            if (f.getName().equals("pipeline")) {
                engine = read(f, miner);
                sizer.visited.put(engine, Boolean.TRUE);
                total += sizer.shallow(engine);
            }
        }
        System.out.printf("%nestimated retained size by engine field (compressed oops: %s; shared objects count"
                + " in the first field that reaches them):%n", Sizer.COMPRESSED);
        for (Field f : instanceFields(engine.getClass())) {
            long size = sizer.deep(read(f, engine));
            total += size;
            if (size >= 1024) {
                System.out.printf("  %-22s %,15d B  %8.1f B/sector%n", f.getName(), size, (double) size / count);
            }
        }
        System.out.printf("  %-22s %,15d B  %8.1f B/sector%n", "(total estimate)", total, (double) total / count);
        if (!sizer.opaque.isEmpty()) {
            System.out.println("  (counted shallow only, not readable: " + sizer.opaque + ")");
        }
        System.out.println("estimated size by class (top 12):");
        sizer.byClass.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(12)
                .forEach(e -> System.out.printf("  %-60s %,12d objects %,15d B%n", e.getKey(), e.getValue()[0],
                        e.getValue()[1]));
    }

    private static List<Field> instanceFields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Object read(Field f, Object o) {
        if (!f.trySetAccessible()) {
            throw new IllegalStateException("cannot read " + f);
        }
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A rough deep-size estimator: this project's objects field by field, arrays exactly, JDK
     * collections through their public API with a per-entry overhead, Strings and boxes by formula.
     * Enums and classes are shared constants and count nothing.
     */
    private static final class Sizer {
        static final boolean COMPRESSED = compressedOops();
        static final int REF = COMPRESSED ? 4 : 8;
        static final int HEADER = 12;
        static final int ARRAY_HEADER = 16;

        final Map<Object, Boolean> visited = new IdentityHashMap<>();
        final Map<String, long[]> byClass = new java.util.TreeMap<>();
        final Set<String> opaque = new java.util.TreeSet<>();

        private static boolean compressedOops() {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(hs.getVMOption("UseCompressedOops").getValue());
        }

        static long align(long n) {
            return (n + 7) & ~7L;
        }

        long deep(Object root) {
            long total = 0;
            Deque<Object> todo = new ArrayDeque<>();
            push(todo, root);
            while (!todo.isEmpty()) {
                Object o = todo.pop();
                long size = shallow(o);
                total += size;
                long[] c = byClass.computeIfAbsent(o.getClass().getName(), k -> new long[2]);
                c[0]++;
                c[1] += size;
                children(o, todo);
            }
            return total;
        }

        private void push(Deque<Object> todo, Object o) {
            if (o == null || o instanceof Class || o instanceof Enum || visited.put(o, Boolean.TRUE) != null) {
                return;
            }
            todo.push(o);
        }

        long shallow(Object o) {
            Class<?> c = o.getClass();
            if (c.isArray()) {
                Class<?> e = c.getComponentType();
                int len = Array.getLength(o);
                int w = !e.isPrimitive() ? REF : e == long.class || e == double.class ? 8
                        : e == int.class || e == float.class ? 4 : e == short.class || e == char.class ? 2 : 1;
                return align(ARRAY_HEADER + (long) len * w);
            }
            if (o instanceof String s) {
                boolean latin1 = s.chars().allMatch(ch -> ch < 256);
                return 24 + align(ARRAY_HEADER + (long) s.length() * (latin1 ? 1 : 2));
            }
            if (o instanceof Map<?, ?> m && isJdk(c)) {
                return 48 + 40L * m.size();
            }
            if (o instanceof Collection<?> col && isJdk(c)) {
                return 24 + align(ARRAY_HEADER + (long) REF * col.size());
            }
            if (isJdk(c) && !(o instanceof Number) && !(o instanceof Boolean) && !(o instanceof Character)) {
                opaque.add(c.getName());
                return 16;
            }
            long n = HEADER;
            for (Field f : instanceFields(c)) {
                Class<?> t = f.getType();
                n += !t.isPrimitive() ? REF : t == long.class || t == double.class ? 8
                        : t == int.class || t == float.class ? 4 : t == short.class || t == char.class ? 2 : 1;
            }
            return align(n);
        }

        private void children(Object o, Deque<Object> todo) {
            Class<?> c = o.getClass();
            if (c.isArray()) {
                if (!c.getComponentType().isPrimitive()) {
                    for (Object e : (Object[]) o) {
                        push(todo, e);
                    }
                }
                return;
            }
            if (o instanceof Map<?, ?> m && isJdk(c)) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    push(todo, e.getKey());
                    push(todo, e.getValue());
                }
                return;
            }
            if (o instanceof Collection<?> col && isJdk(c)) {
                for (Object e : col) {
                    push(todo, e);
                }
                return;
            }
            if (isJdk(c)) {
                return;
            }
            for (Field f : instanceFields(c)) {
                if (!f.getType().isPrimitive()) {
                    push(todo, read(f, o));
                }
            }
        }

        private static boolean isJdk(Class<?> c) {
            String n = c.getName();
            return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The JVM's class histogram

    private static void classHistogram(int lines) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
        String text = (String) server.invoke(name, "gcClassHistogram", new Object[] {null},
                new String[] {String[].class.getName()});
        System.out.println("\nGC.class_histogram (live objects, whole JVM), top " + lines + ":");
        text.lines().limit(lines + 2L).forEach(System.out::println);
        text.lines().filter(l -> l.startsWith("Total")).forEach(System.out::println);
    }
}
