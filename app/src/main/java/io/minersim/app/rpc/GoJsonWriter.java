package io.minersim.app.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes JSON bytes by hand, as the RPC mapper ({@link GoJson#newObjectMapper()}) writes them, byte for
 * byte: for a hot result whose shape is fixed, without Jackson's per-field and per-character overhead.
 * Strings get Go's escaping ({@code \"}, {@code \\}, {@code \n \r \t \b \f}, other control characters,
 * {@code < > &} and U+2028/U+2029 as lower-case <code>&#92;u00XX</code>, other characters as UTF-8), except
 * that, like the mapper, each half of a surrogate pair is written as an upper-case escape where Go writes
 * the character's 4 UTF-8 bytes. Bytes are standard base64 with padding; a caller writes keys, commas and
 * brackets itself. Not thread-safe.
 *
 * <p>Its escape table is the project's one definition of Go's string escaping: the mapper's generators escape
 * through {@link GoEscapes}, which is built from {@link #escapeSequence}.
 */
public final class GoJsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] EMPTY = {'"', '"'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Per ASCII character: 0 copied as is, else the character after the backslash ('u' for a six-character escape). */
    private static final byte[] ESCAPE = new byte[128];
    /** Per ASCII character: whether {@link #string} must look at it (an escape, or a '?' that may be a surrogate). */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['<'] = 'u';
        ESCAPE['>'] = 'u';
        ESCAPE['&'] = 'u';
        for (int c = 0; c < 128; c++) {
            SPECIAL[c] = ESCAPE[c] != 0 || c == '?';
        }
    }

    private byte[] buf;
    private int len;

    /** A writer whose buffer starts at {@code capacity} bytes (it grows as needed). */
    public GoJsonWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Appends ASCII text as it is (keys with their quotes, punctuation): the caller vouches it needs no escaping. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exactly the low byte of each char, wanted
    public GoJsonWriter raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        // a bulk copy of a Latin-1 string's bytes: the char-by-char loop was a tenth of a status's encoding samples
        ascii.getBytes(0, n, buf, len);
        len += n;
        return this;
    }

    /** Appends JSON bytes as they are (an already encoded value). */
    public GoJsonWriter raw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, buf, len, json.length);
        len += json.length;
        return this;
    }

    /** Appends {@code count} bytes of already encoded JSON from {@code json}, starting at {@code from}. */
    public GoJsonWriter raw(byte[] json, int from, int count) {
        java.util.Objects.checkFromIndexSize(from, count, json.length);
        ensure(count);
        System.arraycopy(json, from, buf, len, count);
        len += count;
        return this;
    }

    /** Makes room for at least {@code more} further bytes at once (a caller that knows roughly what it will write). */
    public GoJsonWriter reserve(int more) {
        if (more < 0) {
            throw new IllegalArgumentException("cannot reserve " + more + " bytes");
        }
        ensure(more);
        return this;
    }

    public GoJsonWriter raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** A signed integer (Go's int64). */
    public GoJsonWriter number(long v) {
        if (v == Long.MIN_VALUE) {
            return raw(Long.toString(v));
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
        return this;
    }

    public GoJsonWriter bool(boolean v) {
        return raw(v ? TRUE : FALSE);
    }

    public GoJsonWriter nullValue() {
        return raw(NULL);
    }

    /** A Go {@code []byte}: base64 in quotes, or {@code null}. */
    public GoJsonWriter base64(byte[] bytes) {
        if (bytes == null) {
            return nullValue();
        }
        byte[] enc = Base64.getEncoder().encode(bytes);
        ensure(enc.length + 2);
        buf[len++] = '"';
        System.arraycopy(enc, 0, buf, len, enc.length);
        len += enc.length;
        buf[len++] = '"';
        return this;
    }

    /** A string, quoted and escaped as Go does; null is written as {@code ""} (a Go string is never null). */
    public GoJsonWriter string(String s) {
        if (s == null || s.isEmpty()) {
            return raw(EMPTY);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length != s.length()) {
            return slowString(s);
        }
        // one byte a char: ASCII, except that an unpaired surrogate came out as '?' (checked below)
        ensure(utf8.length + 2);
        buf[len++] = '"';
        int run = 0;
        int i;
        while ((i = nextSpecial(utf8, run)) < utf8.length) {
            append(utf8, run, i - run);
            byte b = utf8[i];
            if (b != '?') {
                escape((char) b, ESCAPE[b]);
            } else if (s.charAt(i) == '?') {
                append(utf8, i, 1);
            } else {
                nonAscii(s.charAt(i)); // an unpaired surrogate, which the UTF-8 encoder made a '?'
            }
            run = i + 1;
        }
        append(utf8, run, utf8.length - run);
        ensure(1);
        buf[len++] = '"';
        return this;
    }

    /** The index of the first byte from {@code from} on that needs escaping or is a '?', or the length. */
    private static int nextSpecial(byte[] ascii, int from) {
        for (int i = from; i < ascii.length; i++) {
            if (SPECIAL[ascii[i] & 0x7f]) {
                return i;
            }
        }
        return ascii.length;
    }

    private void append(byte[] bytes, int from, int count) {
        ensure(count);
        System.arraycopy(bytes, from, buf, len, count);
        len += count;
    }

    /** A string with non-ASCII characters, char by char. */
    private GoJsonWriter slowString(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    ensure(1);
                    buf[len++] = (byte) c;
                } else {
                    escape(c, e);
                }
            } else {
                nonAscii(c);
            }
        }
        ensure(1);
        buf[len++] = '"';
        return this;
    }

    private void escape(char c, byte e) {
        if (e == 'u') {
            unicodeEscape(c);
        } else {
            ensure(2);
            buf[len++] = '\\';
            buf[len++] = e;
        }
    }

    private void unicodeEscape(int c) {
        ensure(6);
        len = writeUnicodeEscape(buf, len, c);
    }

    /** Writes Go's six-character escape of {@code c} (lower-case hex) at {@code at}; the index after it. */
    private static int writeUnicodeEscape(byte[] dst, int at, int c) {
        dst[at] = '\\';
        dst[at + 1] = 'u';
        dst[at + 2] = HEX[(c >> 12) & 0xf];
        dst[at + 3] = HEX[(c >> 8) & 0xf];
        dst[at + 4] = HEX[(c >> 4) & 0xf];
        dst[at + 5] = HEX[c & 0xf];
        return at + 6;
    }

    /** Whether Go escapes this non-ASCII char (U+2028 and U+2029, which break JavaScript string literals). */
    static boolean escapesNonAscii(int c) {
        return c == 0x2028 || c == 0x2029;
    }

    /**
     * What Go writes inside a string for {@code c} (a UTF-16 char) when it escapes it: {@code \n},
     * <code>&#92;u003c</code>, ...; or null when {@code c} is written as itself (its UTF-8 bytes).
     */
    static byte[] escapeSequence(int c) {
        if (c < 0x80) {
            byte e = ESCAPE[c];
            if (e == 0) {
                return null;
            }
            if (e != 'u') {
                return new byte[] {'\\', e};
            }
        } else if (!escapesNonAscii(c)) {
            return null;
        }
        byte[] out = new byte[6];
        writeUnicodeEscape(out, 0, c);
        return out;
    }

    /** Writes one non-ASCII char. */
    private void nonAscii(char c) {
        ensure(4);
        if (c < 0x800) {
            buf[len++] = (byte) (0xc0 | (c >> 6));
            buf[len++] = (byte) (0x80 | (c & 0x3f));
        } else if (escapesNonAscii(c)) {
            unicodeEscape(c);
        } else if (Character.isSurrogate(c)) {
            // as the RPC mapper (Jackson) writes it: each half escaped, upper-case hex (Go: 4 UTF-8 bytes)
            ensure(6);
            buf[len++] = '\\';
            buf[len++] = 'u';
            buf[len++] = UPPER_HEX[(c >> 12) & 0xf];
            buf[len++] = UPPER_HEX[(c >> 8) & 0xf];
            buf[len++] = UPPER_HEX[(c >> 4) & 0xf];
            buf[len++] = UPPER_HEX[c & 0xf];
        } else {
            buf[len++] = (byte) (0xe0 | (c >> 12));
            buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            buf[len++] = (byte) (0x80 | (c & 0x3f));
        }
    }

    /** How many bytes have been written. */
    public int size() {
        return len;
    }

    /**
     * The array now holding what has been written, in its first {@link #size()} bytes, shared, not copied. The
     * writer only appends: later writes never change those bytes (they go past them, or to a new array when this
     * one is full), so a slice of it may be kept and read after the writer has moved on.
     */
    public byte[] array() {
        return buf;
    }

    /** A copy of what has been written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (buf.length - len < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
