package io.minersim.app.cli;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * What the commands read from the process around them: environment variables, the home directory and
 * standard input. Commands never call {@code System.getenv} themselves, so tests hand them their own.
 *
 * @param variables the environment variables ({@code MINER_API_INFO}, {@code MINERSIM_PATH})
 * @param home the user's home directory, for the default repo {@code ~/.minersim}
 * @param stdin where interactive answers come from
 */
public record CliEnvironment(Map<String, String> variables, Path home, InputStream stdin) {
    /** The variable naming the miner's API, as lotus-miner reads it. */
    public static final String MINER_API_INFO = "MINER_API_INFO";
    /** The variable naming the repo, as {@code minersim run} reads it. */
    public static final String MINERSIM_PATH = "MINERSIM_PATH";

    public CliEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** This process's environment, home and standard input. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), System.in);
    }

    /** The value of a variable, or {@code null} when it is unset or blank. */
    public String get(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The repo {@code minersim run} uses by default: {@code $MINERSIM_PATH}, else {@code ~/.minersim}. */
    public Path defaultRepo() {
        String path = get(MINERSIM_PATH);
        return path != null ? Path.of(path) : home.resolve(".minersim");
    }

    /**
     * A picocli factory that hands this environment to every command or mixin with a constructor taking a
     * {@code CliEnvironment}, and builds everything else as picocli does.
     */
    public CommandLine.IFactory factory() {
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                for (Constructor<?> c : cls.getDeclaredConstructors()) {
                    Class<?>[] params = c.getParameterTypes();
                    if (params.length == 1 && params[0] == CliEnvironment.class) {
                        c.setAccessible(true);
                        return cls.cast(c.newInstance(CliEnvironment.this));
                    }
                }
                return fallback.create(cls);
            }
        };
    }
}
