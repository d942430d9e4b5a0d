package io.minersim.app.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The state files' names and framing. A snapshot is one header line, {@code {"Format":"minersim-state",
 * "Version":1,"Length":n,"CRC32C":"…"}}, then the world as n bytes of JSON; it is written to a temporary file,
 * fsynced and renamed into place, so it is either whole or absent. A journal is a header line,
 * {@code {"Format":"minersim-journal","Version":1,"First":seq}}, then one record a line, {@code <crc32c hex> <json>}.
 */
final class StateFiles {
    static final String SNAPSHOT_FORMAT = "minersim-state";
    static final String JOURNAL_FORMAT = "minersim-journal";
    /** The version this build writes and reads; another is refused. */
    static final int VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private StateFiles() {
    }

    static String snapshotName(long seq) {
        return String.format(Locale.ROOT, "snapshot-%019d.json", seq);
    }

    static String journalName(long seq) {
        return String.format(Locale.ROOT, "journal-%019d.log", seq);
    }

    /** The sequence number in a snapshot's or journal's name, or -1 for another file. */
    static long seqOf(String name, String prefix, String suffix) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix)
                || name.length() != prefix.length() + 19 + suffix.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(prefix.length(), prefix.length() + 19));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String crc(byte[] bytes, int from, int length) {
        CRC32C c = new CRC32C();
        c.update(bytes, from, length);
        return String.format(Locale.ROOT, "%08x", c.getValue());
    }

    /** Writes a snapshot: header and body to a temporary file, fsync, rename over {@code file}, fsync the dir. */
    static void writeSnapshot(Path file, byte[] body) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("Format", SNAPSHOT_FORMAT);
        header.put("Version", VERSION);
        header.put("Length", body.length);
        header.put("CRC32C", crc(body, 0, body.length));
        byte[] head = (JSON.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8);
        writeAtomically(file, head, body);
    }

    /** Writes {@code parts} to a temporary file beside {@code file}, fsyncs it and renames it over {@code file}. */
    static void writeAtomically(Path file, byte[]... parts) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (byte[] p : parts) {
                ByteBuffer b = ByteBuffer.wrap(p);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        fsyncDir(file.toAbsolutePath().getParent());
    }

    /** Makes a directory's entries (files created, renamed, removed) durable. */
    static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for fsync; their renames are then as safe as they get
        }
    }

    /**
     * Reads a snapshot file and checks its header, length and checksum; returns the world document. Anything else
     * is a {@link StateException} naming the file and what is wrong.
     */
    static Map<String, Object> readSnapshot(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StateException("cannot read the state file " + file + ": " + e.getMessage(), e);
        }
        int nl = indexOf(all, (byte) '\n', 0);
        Map<String, Object> header = nl < 0 ? null : header(all, 0, nl);
        if (header == null || !SNAPSHOT_FORMAT.equals(header.get("Format"))) {
            throw new StateException("the state file " + file + " is not a minersim state snapshot (no \""
                    + SNAPSHOT_FORMAT + "\" header line)");
        }
        checkVersion(file, header);
        Object length = header.get("Length");
        int bodyLength = all.length - nl - 1;
        if (!(length instanceof Number n) || n.longValue() != bodyLength) {
            throw new StateException("the state file " + file + " is damaged: its header says " + length
                    + " bytes of state, it holds " + bodyLength + " (cut short?)");
        }
        String crc = crc(all, nl + 1, bodyLength);
        if (!crc.equals(header.get("CRC32C"))) {
            throw new StateException("the state file " + file + " is damaged: checksum " + crc + ", its header says "
                    + header.get("CRC32C"));
        }
        try {
            return JSON.readValue(all, nl + 1, bodyLength, MAP);
        } catch (IOException e) {
            throw new StateException("the state file " + file + " is damaged: not JSON ("
                    + oneLine(e.getMessage()) + ")", e);
        }
    }

    static void checkVersion(Path file, Map<String, Object> header) {
        Object v = header.get("Version");
        if (!(v instanceof Number n) || n.longValue() != VERSION) {
            throw new StateException("the state file " + file + " is from another minersim version (state format "
                    + v + "; this minersim reads format " + VERSION + "): run with --fresh to keep it aside and start"
                    + " empty");
        }
    }

    /** A header line as a map, or null when it is not a JSON object. */
    static Map<String, Object> header(byte[] bytes, int from, int to) {
        try {
            return JSON.readValue(bytes, from, to - from, MAP);
        } catch (IOException e) {
            return null;
        }
    }

    static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
