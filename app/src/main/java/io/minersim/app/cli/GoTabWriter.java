package io.minersim.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} with space padding and no flags, as Lotus's {@code proving} commands use it
 * ({@code tabwriter.NewWriter(os.Stdout, minwidth, tabwidth, padding, ' ', 0)}). Text is split into lines and
 * each line into cells at tabs; a tab-terminated cell belongs to a column, the text after a line's last tab does
 * not. A column block is a run of consecutive lines that have a cell in that column; its width is the widest such
 * cell plus the padding, at least the minimum width. Blocks nest exactly as tabwriter's do, so a line with one cell
 * more than its neighbours (Lotus's {@code (current)} marker) gets a column of its own.
 */
final class GoTabWriter {
    private final int minWidth;
    private final int padding;
    private final StringBuilder text = new StringBuilder();

    GoTabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** Appends formatted text ({@code String.format} rules; tabs separate cells, newlines end lines). */
    GoTabWriter printf(String format, Object... args) {
        text.append(String.format(format, args));
        return this;
    }

    /** Lays out everything written and prints it. */
    void flush(PrintWriter out) {
        String all = text.toString();
        text.setLength(0);
        List<List<String>> lines = new ArrayList<>();
        int start = 0;
        while (start < all.length()) {
            int nl = all.indexOf('\n', start);
            String line = nl < 0 ? all.substring(start) : all.substring(start, nl);
            lines.add(List.of(line.split("\t", -1)));
            start = nl < 0 ? all.length() : nl + 1;
        }
        boolean endsWithNewline = all.endsWith("\n");
        StringBuilder sb = new StringBuilder();
        format(sb, lines, new ArrayList<>(), 0, lines.size());
        String result = sb.toString();
        if (!endsWithNewline && result.endsWith("\n")) {
            result = result.substring(0, result.length() - 1);
        }
        out.print(result);
    }

    private void format(StringBuilder sb, List<List<String>> lines, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        int from = line0;
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).size() - 1) {
                continue;
            }
            writeLines(sb, lines, widths, from, i);
            from = i;
            int width = minWidth;
            for (; i < line1; i++) {
                List<String> cells = lines.get(i);
                if (column >= cells.size() - 1) {
                    break;
                }
                width = Math.max(width, cells.get(column).length() + padding);
            }
            widths.add(width);
            format(sb, lines, widths, from, i);
            widths.remove(widths.size() - 1);
            from = i;
            i--; // the loop's i++ must not skip the line that ended the block
        }
        writeLines(sb, lines, widths, from, line1);
    }

    private static void writeLines(StringBuilder sb, List<List<String>> lines, List<Integer> widths, int from,
            int to) {
        for (int i = from; i < to; i++) {
            List<String> cells = lines.get(i);
            for (int j = 0; j < cells.size(); j++) {
                String c = cells.get(j);
                sb.append(c);
                if (j < widths.size() && j < cells.size() - 1) {
                    sb.append(" ".repeat(Math.max(0, widths.get(j) - c.length())));
                }
            }
            sb.append('\n');
        }
    }
}
