package io.minersim.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.googlecode.jsonrpc4j.JsonRpcClientException;
import io.minersim.rpc.MinerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that calls the miner: checks its arguments, finds and connects to the miner, runs, and turns
 * every failure into one {@code ERROR: ...} line on stderr and exit code 1 (never a stack trace).
 */
abstract class MinerCommand implements Callable<Integer> {
    private static final ObjectWriter JSON = io.minersim.rpc.RpcJson.newObjectMapper().writer(
            new DefaultPrettyPrinter().withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    /** jsonrpc4j's (package-private) wrapper of an HTTP error without a JSON-RPC body, e.g. a 401. */
    private static final String JSONRPC4J_HTTP_EXCEPTION = "com.googlecode.jsonrpc4j.HttpException";

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    /** Checks the arguments before anything is called; throws {@link CliException} to refuse. */
    void check() {
    }

    /** Does the work against a connected miner. */
    abstract void run(MinerConnection miner) throws Exception;

    /** Whether the command works without the miner's API this time ({@link #runOffline()} instead of run). */
    boolean offline() {
        return false;
    }

    /** The work when {@link #offline()}. */
    void runOffline() throws Exception {
        throw new IllegalStateException("no offline mode");
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MinerEndpoint endpoint = null;
        try {
            check();
            if (offline()) {
                runOffline();
                out.flush();
                return 0;
            }
            endpoint = api.endpoint();
            MinerClient client = MinerClient.connect(endpoint.rpcUrl(), endpoint.token());
            client.http().setConnectionTimeoutMillis(10_000);
            client.http().setReadTimeoutMillis(0);
            run(new MinerConnection(client, endpoint));
            out.flush();
            return 0;
        } catch (CliPanic e) {
            out.flush();
            err.println("panic: " + e.getMessage());
            err.flush();
            return 2;
        } catch (Exception | Error e) {
            out.flush();
            err.println("ERROR: " + describe(e, endpoint));
            err.flush();
            return 1;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    boolean json() {
        return api.json();
    }

    CliEnvironment env() {
        return api.env();
    }

    /** Prints a value as indented JSON, in the wire's own field names and encodings. */
    void printJson(Object value) {
        try {
            out().println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a bad argument with a one-line message. */
    CliException refuse(String message) {
        return new CliException(message);
    }

    /** One line for any failure: the miner's own message for its errors, a plain sentence for the rest. */
    static String describe(Throwable e, MinerEndpoint endpoint) {
        Throwable t = unwrap(e);
        String where = endpoint == null ? "the miner" : "the miner at " + endpoint.rpcUrl();
        if (t instanceof CliException || t instanceof CommandLine.ParameterException) {
            return t.getMessage();
        }
        if (t instanceof JsonRpcClientException rpc) {
            return rpc.getMessage();
        }
        if (t instanceof ConnectException) {
            return "could not connect to " + where + ": connection refused (is minersim running? see --api-url, "
                    + "MINER_API_INFO, --repo)";
        }
        if (t instanceof UnknownHostException) {
            return "could not connect to " + where + ": unknown host " + t.getMessage();
        }
        if (t instanceof SocketTimeoutException) {
            return "no answer from " + where + ": " + t.getMessage();
        }
        if (t instanceof IOException) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (m.contains("401")) {
                return "calling " + where + ": 401 Unauthorized (the token is not valid for this miner)";
            }
            return "calling " + where + ": " + m.replace('\n', ' ');
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UndeclaredThrowableException || t instanceof InvocationTargetException
                || t instanceof ExecutionException || t instanceof UncheckedIOException
                || t.getClass().getName().equals(JSONRPC4J_HTTP_EXCEPTION)) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
