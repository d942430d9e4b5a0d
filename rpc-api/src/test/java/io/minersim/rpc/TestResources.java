package io.minersim.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the Lotus reference snippets copied into src/test/resources. */
public final class TestResources {
    private TestResources() {}

    public static String text(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-blank, non-comment lines of a resource, split on whitespace. */
    public static List<String[]> table(String path) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text(path).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                rows.add(t.split("\\s+"));
            }
        }
        return rows;
    }
}
