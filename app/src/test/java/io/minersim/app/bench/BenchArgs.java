package io.minersim.app.bench;

import java.util.Map;

/** The harnesses' {@code key=value} arguments, read over their defaults. */
final class BenchArgs {
    private BenchArgs() {
    }

    /**
     * Puts each {@code key=value} of {@code argv} into {@code args}, which holds every known key with its default.
     *
     * @throws IllegalArgumentException for an argument without {@code =} or with a key not in {@code args}
     */
    static Map<String, String> read(Map<String, String> args, String[] argv) {
        for (String s : argv) {
            int eq = s.indexOf('=');
            if (eq <= 0 || !args.containsKey(s.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + s + "; known keys: " + args.keySet());
            }
            args.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return args;
    }
}
