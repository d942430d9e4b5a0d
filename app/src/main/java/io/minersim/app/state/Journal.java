package io.minersim.app.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The append side of the journal, with group commit. Appenders (under the lock that orders their change) take the
 * next sequence number and queue their entry, which costs a few hundred nanoseconds; one writer thread takes
 * whatever has queued, encodes it, writes it to the current segment file and fsyncs once for all of it, then wakes
 * whoever waits for those entries. While it fsyncs, the next batch queues: the more callers wait, the more each
 * fsync carries.
 */
final class Journal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Journal.class.getName());

    private final Path dir;
    private final Object lock = new Object();
    /** Entries (and rotation markers) not yet written, in sequence order; guarded by {@link #lock}. */
    private ArrayDeque<Object> queue = new ArrayDeque<>();
    private long nextSeq;
    private boolean closing;

    private final Object durableLock = new Object();
    /** Every entry up to this sequence number is on disk. */
    private volatile long durable;
    private volatile IOException failure;

    /** The writer's: the current segment. */
    private FileChannel channel;
    private Path segment;
    /** Bytes written and replay time recorded since the last cut, for compaction. */
    private volatile long bytesSinceCut;
    private volatile long nanosSinceCut;
    private volatile long recordsSinceCut;
    private final Thread writer;
    private final Runnable onBatch;

    private record Rotate(long first, CompletableFuture<Path> done) {
    }

    /**
     * A journal that goes on in a new segment whose first entry will be {@code nextSeq}.
     *
     * @param onBatch run on the writer thread after each batch (the compactor looks at the sizes)
     */
    Journal(Path dir, long nextSeq, Runnable onBatch) throws IOException {
        this.dir = dir;
        this.nextSeq = nextSeq;
        this.durable = nextSeq - 1;
        this.onBatch = onBatch;
        openSegment(nextSeq);
        this.writer = new Thread(this::writeLoop, "minersim-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the entry made for the next sequence number; returns that number. Never blocks on the disk. */
    long append(LongFunction<JournalEntry> entry) {
        synchronized (lock) {
            long seq = nextSeq++;
            queue.add(entry.apply(seq));
            lock.notify();
            return seq;
        }
    }

    /** The last sequence number handed out. */
    long lastSeq() {
        synchronized (lock) {
            return nextSeq - 1;
        }
    }

    /** Returns once every entry up to {@code seq} is on disk; throws if the journal cannot be written. */
    void await(long seq) {
        if (durable >= seq) {
            return;
        }
        synchronized (durableLock) {
            while (durable < seq) {
                IOException f = failure;
                if (f != null) {
                    throw new JournalFailure(f);
                }
                try {
                    durableLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JournalFailure(new IOException("interrupted while waiting for the journal"));
                }
            }
        }
    }

    /** Returns once everything appended so far is on disk. */
    void awaitAll() {
        await(lastSeq());
    }

    /**
     * Starts a new segment: entries from the returned sequence number on go to it. Returns once the old segment is
     * written, fsynced and closed.
     */
    long rotate() {
        Rotate r;
        synchronized (lock) {
            r = new Rotate(nextSeq, new CompletableFuture<>());
            queue.add(r);
            lock.notify();
        }
        try {
            r.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalFailure(new IOException("interrupted while cutting the journal"));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new JournalFailure(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
        return r.first();
    }

    long bytesSinceCut() {
        return bytesSinceCut;
    }

    long nanosSinceCut() {
        return nanosSinceCut;
    }

    long recordsSinceCut() {
        return recordsSinceCut;
    }

    /** Writes what is queued, fsyncs, and stops the writer. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notify();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + segment + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ the writer

    private void writeLoop() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        while (true) {
            ArrayDeque<Object> batch;
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = queue;
                queue = new ArrayDeque<>();
            }
            long last = -1;
            List<Rotate> rotated = new ArrayList<>();
            try {
                for (Object o : batch) {
                    if (o instanceof Rotate r) {
                        flush(buf);
                        openSegment(r.first());
                        rotated.add(r);
                        continue;
                    }
                    JournalEntry e = (JournalEntry) o;
                    byte[] json = JournalEntry.encode(e);
                    buf.write(StateFiles.crc(json, 0, json.length).getBytes(StandardCharsets.US_ASCII));
                    buf.write(' ');
                    buf.write(json);
                    buf.write('\n');
                    nanosSinceCut += e.nanos();
                    recordsSinceCut++;
                    last = e.seq();
                }
                flush(buf);
            } catch (IOException | RuntimeException e) {
                fail(e instanceof IOException io ? io : new IOException(e.toString(), e));
                rotated.forEach(r -> r.done().completeExceptionally(failure));
                return;
            }
            rotated.forEach(r -> r.done().complete(segment));
            if (last >= 0) {
                synchronized (durableLock) {
                    durable = last;
                    durableLock.notifyAll();
                }
            }
            onBatch.run();
        }
    }

    private void flush(ByteArrayOutputStream buf) throws IOException {
        if (buf.size() == 0) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(buf.toByteArray());
        while (b.hasRemaining()) {
            channel.write(b);
        }
        bytesSinceCut += buf.size();
        buf.reset();
        channel.force(false);
    }

    /** Closes the current segment (fsynced by the last flush) and starts {@code journal-<first>.log}. */
    private void openSegment(long first) throws IOException {
        if (channel != null) {
            channel.force(true);
            channel.close();
        }
        Path file = dir.resolve(StateFiles.journalName(first));
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("Format", StateFiles.JOURNAL_FORMAT);
        header.put("Version", StateFiles.VERSION);
        header.put("First", first);
        ByteBuffer b = ByteBuffer.wrap((StateFiles.JSON.writeValueAsString(header) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
        ch.force(true);
        StateFiles.fsyncDir(dir);
        channel = ch;
        segment = file;
        bytesSinceCut = 0;
        nanosSinceCut = 0;
        recordsSinceCut = 0;
    }

    private void fail(IOException e) {
        failure = e;
        System.err.println("minersim: ERROR: the journal in " + dir + " cannot be written (" + e.getMessage()
                + "): changes from now on are not kept");
        synchronized (durableLock) {
            durableLock.notifyAll();
        }
    }

    /** The journal could not be written: a change was made but is not on disk. */
    static final class JournalFailure extends io.minersim.sealing.SealingException {
        private static final long serialVersionUID = 1L;

        JournalFailure(IOException cause) {
            super("the miner's journal cannot be written: " + cause.getMessage());
            initCause(cause);
        }
    }
}
