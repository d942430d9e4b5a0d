package io.minersim.app.api;

/** Go's {@code strconv.Quote} ({@code %q}): a double-quoted string with Go's escapes. */
final class GoQuote {
    private GoQuote() {
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
                    } else if (!Character.isDefined(c) || Character.isISOControl(c)
                            || Character.getType(c) == Character.FORMAT) {
                        out.append(c > 0xFFFF ? String.format(java.util.Locale.ROOT, "\\U%08x", c)
                                : String.format(java.util.Locale.ROOT, "\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
