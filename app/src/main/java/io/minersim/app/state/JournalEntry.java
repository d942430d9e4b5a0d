package io.minersim.app.state;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.MinerCall;
import io.minersim.sealing.MinerRecords;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of the world, as the journal keeps it: a line {@code {"s":seq,...}} with {@code "m"} (the miner's
 * index) and {@code "c"} (the call, see {@link MinerRecords}, {@code "f":true} when it failed) or {@code "h"} (a
 * head the clock told the miner, {@code "t"} the wall time in unix milliseconds), or {@code "k"} (the clock's
 * settings: {@code Mode}, {@code BlockTime} in nanoseconds, {@code Paused}).
 */
sealed interface JournalEntry {

    long seq();

    /** Roughly how long replaying it takes (what it held the miner's lock for), for compaction. */
    long nanos();

    record Call(long seq, int miner, MinerCall call, boolean failed, long nanos) implements JournalEntry {
    }

    record Head(long seq, int miner, long epoch, long wall, long nanos) implements JournalEntry {
    }

    record Clock(long seq, SimulatedChainClock.Settings settings, long wall) implements JournalEntry {
        @Override
        public long nanos() {
            return 0;
        }
    }

    /** The entry's JSON (one line: JSON escapes every line break inside strings). */
    static byte[] encode(JournalEntry e) {
        byte[] quick = quick(e);
        return quick != null ? quick : general(e);
    }

    /** The entry's JSON through Jackson (every kind of entry). */
    static byte[] general(JournalEntry e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("s", e.seq());
        if (e instanceof Call c) {
            o.put("m", c.miner());
            o.put("c", MinerRecords.call(c.call()));
            if (c.failed()) {
                o.put("f", true);
            }
        } else if (e instanceof Head h) {
            o.put("m", h.miner());
            o.put("h", h.epoch());
            o.put("t", h.wall());
        } else if (e instanceof Clock k) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Mode", k.settings().mode().name().toLowerCase(java.util.Locale.ROOT));
            s.put("BlockTime", k.settings().blockTime().toNanos());
            s.put("Paused", k.settings().paused());
            o.put("k", s);
            o.put("t", k.wall());
        }
        try {
            return StateFiles.JSON.writeValueAsBytes(o);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The most frequent entries (a head; a call without arguments, such as a pledge) written directly, as the general
     * path would write them: the journal writes one per change, and these are most changes.
     */
    private static byte[] quick(JournalEntry e) {
        StringBuilder b;
        if (e instanceof Head h) {
            b = new StringBuilder(64).append("{\"s\":").append(h.seq()).append(",\"m\":").append(h.miner())
                    .append(",\"h\":").append(h.epoch()).append(",\"t\":").append(h.wall()).append('}');
        } else if (e instanceof Call c && !c.failed() && (c.call() instanceof MinerCall.Pledge
                || c.call() instanceof MinerCall.MatchPendingPieces || c.call() instanceof MinerCall.PreCommitFlush
                || c.call() instanceof MinerCall.CommitFlush || c.call() instanceof MinerCall.TerminateFlush
                || c.call() instanceof MinerCall.ClearFailures)) {
            b = new StringBuilder(64).append("{\"s\":").append(c.seq()).append(",\"m\":").append(c.miner())
                    .append(",\"c\":{\"Call\":\"").append(c.call().getClass().getSimpleName()).append("\"}}");
        } else {
            return null;
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The entry a line's JSON holds; an {@link IllegalArgumentException} says what is wrong. */
    @SuppressWarnings("unchecked")
    static JournalEntry decode(Map<String, Object> o) {
        long seq = number(o, "s");
        if (o.containsKey("k")) {
            if (!(o.get("k") instanceof Map<?, ?> k)) {
                throw new IllegalArgumentException("\"k\" is not an object");
            }
            Map<String, Object> s = (Map<String, Object>) k;
            SimulatedChainClock.Mode mode = switch (String.valueOf(s.get("Mode"))) {
                case "manual" -> SimulatedChainClock.Mode.MANUAL;
                case "real" -> SimulatedChainClock.Mode.REAL;
                default -> throw new IllegalArgumentException("unknown clock mode " + s.get("Mode"));
            };
            return new Clock(seq, new SimulatedChainClock.Settings(mode, Duration.ofNanos(number(s, "BlockTime")),
                    Boolean.TRUE.equals(s.get("Paused"))), number(o, "t"));
        }
        int miner = Math.toIntExact(number(o, "m"));
        if (o.containsKey("h")) {
            return new Head(seq, miner, number(o, "h"), number(o, "t"), 0);
        }
        if (!(o.get("c") instanceof Map<?, ?> c)) {
            throw new IllegalArgumentException("neither a call, a head nor clock settings");
        }
        try {
            return new Call(seq, miner, MinerRecords.call((Map<String, Object>) c), Boolean.TRUE.equals(o.get("f")),
                    0);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static long number(Map<String, Object> o, String key) {
        if (!(o.get(key) instanceof Number n) || o.get(key) instanceof Double || o.get(key) instanceof Float) {
            throw new IllegalArgumentException("\"" + key + "\" is missing or not an integer");
        }
        return n.longValue();
    }
}
