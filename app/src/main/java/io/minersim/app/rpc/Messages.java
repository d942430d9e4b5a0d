package io.minersim.app.rpc;

import java.util.regex.Pattern;

/** Error texts for the wire: the Go-like ones, and a filter that keeps Java class names out of responses. */
final class Messages {
    /** Fully qualified Java names: their package part is dropped. */
    private static final Pattern PACKAGES = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com\\.sun|com\\.fasterxml|org\\.eclipse|com\\.nimbusds|io\\.minersim)"
                    + "(?:\\.[a-z_$][\\w$]*)*\\.(?=[A-Za-z_$])");
    /** "SomeException: " or "SomeError: " prefixes left by Throwable.toString() of wrapped causes. */
    private static final Pattern THROWABLE_PREFIX = Pattern.compile("\\b[A-Z][\\w$]*(?:Exception|Error)(?:: |$)");

    private Messages() {
    }

    /** Removes Java package names and exception type prefixes from a message meant for the wire. */
    static String sanitize(String message) {
        if (message == null) {
            return null;
        }
        String s = PACKAGES.matcher(message).replaceAll("");
        s = THROWABLE_PREFIX.matcher(s).replaceAll("");
        return s.strip();
    }

    /** The text of a failure reported as a Go error: its message, or its cause's, never a class name. */
    static String errorText(Throwable t) {
        if (ErrorMapper.isCancellation(t)) {
            return "context canceled";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = sanitize(c.getMessage());
            if (m != null && !m.isEmpty()) {
                return m;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return "unknown error";
    }

    /** What Go would print for the panic corresponding to a Java failure. */
    static String panicText(Throwable t) {
        if (t instanceof NullPointerException) {
            return "runtime error: invalid memory address or nil pointer dereference";
        }
        if (t instanceof ArithmeticException) {
            return "runtime error: integer divide by zero";
        }
        if (t instanceof IndexOutOfBoundsException || t instanceof NegativeArraySizeException) {
            String m = t.getMessage();
            // a simulated Go index panic carries Go's own text ("runtime error: index out of range [31] with length 5")
            return m != null && m.startsWith("runtime error: index out of range") ? m
                    : "runtime error: index out of range";
        }
        if (t instanceof ClassCastException || t instanceof ArrayStoreException) {
            return "interface conversion: unexpected type";
        }
        if (t instanceof StackOverflowError) {
            return "runtime error: stack overflow";
        }
        if (t instanceof OutOfMemoryError) {
            return "runtime error: out of memory";
        }
        String m = sanitize(t.getMessage());
        return m == null || m.isEmpty() ? "unexpected failure" : m;
    }

    /** Java's analogues of Go runtime panics, and every Error. */
    static boolean isPanic(Throwable t) {
        return t instanceof Error || t instanceof NullPointerException || t instanceof ClassCastException
                || t instanceof IndexOutOfBoundsException || t instanceof ArithmeticException
                || t instanceof ArrayStoreException || t instanceof NegativeArraySizeException
                || t instanceof IllegalMonitorStateException;
    }
}
