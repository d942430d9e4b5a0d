package io.minersim.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A terminal table laid out as Lotus's tablewriter lays out {@code sectors list}: a header row, each column as
 * wide as its widest cell plus two spaces, columns that no row fills left out, and "new-line" columns printed
 * under their row as {@code   Name: value}.
 */
final class TextTable {
    private record Column(String name, boolean ownLine) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<Map<String, String>> rows = new ArrayList<>();

    /** A column shown side by side with the others. */
    TextTable column(String name) {
        columns.add(new Column(name, false));
        return this;
    }

    /** A column printed on its own line under each row that has it. */
    TextTable lineColumn(String name) {
        columns.add(new Column(name, true));
        return this;
    }

    /** Adds a row: column name to cell; absent or null cells are blank. */
    void row(Map<String, String> cells) {
        Map<String, String> copy = new HashMap<>();
        cells.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        rows.add(copy);
    }

    /** Prints the table; nothing at all when it has no rows. */
    void print(PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        List<Column> shown = new ArrayList<>();
        for (Column c : columns) {
            if (rows.stream().anyMatch(r -> r.containsKey(c.name()))) {
                shown.add(c);
            }
        }
        Map<String, Integer> width = new HashMap<>();
        for (Column c : shown) {
            int w = c.ownLine() ? 0 : c.name().length();
            for (Map<String, String> r : rows) {
                w = Math.max(w, r.getOrDefault(c.name(), "").length());
            }
            width.put(c.name(), w);
        }
        Map<String, String> header = new HashMap<>();
        shown.forEach(c -> header.put(c.name(), c.name()));
        line(out, shown, width, header);
        for (Map<String, String> r : rows) {
            line(out, shown, width, r);
            for (Column c : shown) {
                String v = r.get(c.name());
                if (c.ownLine() && v != null && !v.isEmpty()) {
                    out.println("  " + c.name() + ": " + v);
                }
            }
        }
    }

    private static void line(PrintWriter out, List<Column> shown, Map<String, Integer> width,
            Map<String, String> cells) {
        StringBuilder sb = new StringBuilder();
        for (Column c : shown) {
            if (c.ownLine()) {
                continue;
            }
            String v = cells.getOrDefault(c.name(), "");
            sb.append(v).append(" ".repeat(width.get(c.name()) - v.length() + 2));
        }
        out.println(sb.toString().stripTrailing());
    }
}
