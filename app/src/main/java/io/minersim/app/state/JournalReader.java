package io.minersim.app.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a journal segment back, checking every line. A line cut short or garbled at the very end of the last
 * segment is what a stop in the middle of a write leaves: it was never acknowledged, so it is dropped (and the file
 * cut back to its last whole line). Anywhere else a bad line means the file is damaged, and the run is refused.
 */
final class JournalReader {
    private JournalReader() {
    }

    /** What a segment holds. */
    record Segment(Path file, long first, List<JournalEntry> entries, long goodLength, long fileLength,
            String tornWhy) {
        /** Whether an unfinished record was dropped at the end. */
        boolean torn() {
            return tornWhy != null;
        }

        /** Whether the file goes on past its last record (torn, or zeros allocated ahead): cut it back. */
        boolean cut() {
            return goodLength < fileLength;
        }
    }

    /**
     * Reads {@code file}, named for {@code first}.
     *
     * @param last whether it is the last segment (only there may the tail be torn)
     */
    static Segment read(Path file, long first, boolean last) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StateException("cannot read the journal file " + file + ": " + e.getMessage(), e);
        }
        int nl = StateFiles.indexOf(all, (byte) '\n', 0);
        Map<String, Object> header = nl < 0 ? null : StateFiles.header(all, 0, nl);
        if (header == null || !StateFiles.JOURNAL_FORMAT.equals(header.get("Format"))) {
            if (last && nl < 0 && looksCut(all)) {
                // the stop came while the segment's header was being written: nothing was in it
                return new Segment(file, first, List.of(), 0, all.length, "an unfinished header");
            }
            throw new StateException("the journal file " + file + " is not a minersim journal (no \""
                    + StateFiles.JOURNAL_FORMAT + "\" header line)");
        }
        StateFiles.checkVersion(file, header);
        if (!(header.get("First") instanceof Number f) || f.longValue() != first) {
            throw new StateException("the journal file " + file + " is damaged: its header says it starts at record "
                    + header.get("First") + ", its name says " + first);
        }
        List<JournalEntry> entries = new ArrayList<>();
        int at = nl + 1;
        int line = 2;
        long prev = first - 1;
        while (at < all.length) {
            if (all[at] == 0 && zerosFrom(all, at)) {
                // the zeros a segment is allocated ahead with: its records end here
                return new Segment(file, first, entries, at, all.length, null);
            }
            int end = StateFiles.indexOf(all, (byte) '\n', at);
            String why = null;
            JournalEntry e = null;
            if (end < 0) {
                why = "a line without its end";
            } else {
                try {
                    e = parse(all, at, end);
                    if (e.seq() <= prev) {
                        why = "record " + e.seq() + " after record " + prev;
                        e = null;
                    }
                } catch (IllegalArgumentException ex) {
                    why = ex.getMessage();
                }
            }
            if (e == null) {
                boolean tail = end < 0 || end == all.length - 1;
                if (last && tail) {
                    return new Segment(file, first, entries, at, all.length, why);
                }
                throw new StateException("the journal file " + file + " is damaged at line " + line + " (byte "
                        + at + "): " + why);
            }
            entries.add(e);
            prev = e.seq();
            at = end + 1;
            line++;
        }
        return new Segment(file, first, entries, all.length, all.length, null);
    }

    private static boolean zerosFrom(byte[] all, int from) {
        for (int i = from; i < all.length; i++) {
            if (all[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** One record line: {@code <crc32c hex> <json>}. */
    private static JournalEntry parse(byte[] all, int from, int end) {
        if (end - from < 10 || all[from + 8] != ' ') {
            throw new IllegalArgumentException("not a journal record");
        }
        String crc = new String(all, from, 8, StandardCharsets.US_ASCII);
        String actual = StateFiles.crc(all, from + 9, end - from - 9);
        if (!crc.equals(actual)) {
            throw new IllegalArgumentException("checksum " + actual + ", the record says " + crc);
        }
        Map<String, Object> o = StateFiles.header(all, from + 9, end);
        if (o == null) {
            throw new IllegalArgumentException("not JSON");
        }
        return JournalEntry.decode(o);
    }

    private static boolean looksCut(byte[] all) {
        String s = new String(all, StandardCharsets.UTF_8);
        return s.isEmpty() || ("{\"Format\":\"" + StateFiles.JOURNAL_FORMAT).startsWith(s.length() > 20
                ? s.substring(0, 20) : s) || s.chars().allMatch(c -> c == 0);
    }
}
