package io.minersim.app.rpc;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.nio.charset.StandardCharsets;

/**
 * Go's string escaping for Jackson's generators, taken from {@link GoJsonWriter#escapeSequence}, so that the
 * mapper and the hand-written encoders escape alike: a two-character escape ({@code \n}, {@code \"}) as Jackson's
 * own, a six-character one (control characters, {@code < > &}, U+2028/U+2029) as a custom escape, each
 * sequence made once. Jackson asks for every non-ASCII char it writes: the answer allocates nothing.
 */
final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    /** The one instance: it holds no state beyond its tables. */
    static final GoEscapes INSTANCE = new GoEscapes();

    private final int[] ascii = new int[128];
    private final SerializableString[] asciiSequences = new SerializableString[128];
    /** The non-ASCII chars Go escapes, and their sequences. */
    private final char[] nonAscii;
    private final SerializableString[] nonAsciiSequences;

    private GoEscapes() {
        StringBuilder escaped = new StringBuilder();
        for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
            if (GoJsonWriter.escapesNonAscii(c)) {
                escaped.append((char) c);
            }
        }
        nonAscii = escaped.toString().toCharArray();
        nonAsciiSequences = new SerializableString[nonAscii.length];
        for (int i = 0; i < nonAscii.length; i++) {
            nonAsciiSequences[i] = sequence(nonAscii[i]);
        }
        for (int c = 0; c < 128; c++) {
            byte[] e = GoJsonWriter.escapeSequence(c);
            if (e == null) {
                continue;
            }
            if (e.length == 2) {
                ascii[c] = e[1]; // Jackson writes a backslash and this character
            } else {
                ascii[c] = ESCAPE_CUSTOM;
                asciiSequences[c] = sequence(c);
            }
        }
    }

    private static SerializableString sequence(int c) {
        return new SerializedString(new String(GoJsonWriter.escapeSequence(c), StandardCharsets.US_ASCII));
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 128) {
            return asciiSequences[ch];
        }
        if (GoJsonWriter.escapesNonAscii(ch)) {
            for (int i = 0; i < nonAscii.length; i++) {
                if (nonAscii[i] == ch) {
                    return nonAsciiSequences[i];
                }
            }
        }
        return null;
    }
}
