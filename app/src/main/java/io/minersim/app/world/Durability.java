package io.minersim.app.world;

import io.minersim.sealing.MinerCall;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the world's changes go as they happen, and how a caller waits until they are safe: a journal on disk, or
 * nowhere ({@link #NONE}). The {@code record…} methods are called under the lock that orders the change (the
 * miner's write lock, or the clock's lock) and must be quick; each returns the change's sequence number.
 */
public interface Durability {

    /** Keeps nothing: the world lives in memory only. */
    Durability NONE = new Durability() {
        @Override
        public long recordCall(MinerHost host, MinerCall call, boolean failed, long nanos) {
            return 0;
        }

        @Override
        public long recordHead(MinerHost host, long epoch, long wallMillis, long nanos) {
            return 0;
        }

        @Override
        public long recordClock(SimulatedChainClock.Settings settings, long wallMillis) {
            return 0;
        }

        @Override
        public void await() {
        }

        @Override
        public void backup(Path file) throws IOException {
            throw new IOException("this miner keeps no state on disk: nothing to back up");
        }
    };

    /** A call ran on the host's miner (under its write lock). */
    long recordCall(MinerHost host, MinerCall call, boolean failed, long nanos);

    /**
     * The clock told the host a new head, which the host passed on to its miner and drivers (recorded under the
     * miner's write lock, once they are done; {@code nanos}: how long that took).
     */
    long recordHead(MinerHost host, long epoch, long wallMillis, long nanos);

    /** The clock's settings changed (under the clock's lock). */
    long recordClock(SimulatedChainClock.Settings settings, long wallMillis);

    /**
     * Returns once every change recorded so far is on disk: a caller answers a client only after this, so an
     * acknowledged change survives any stop.
     */
    void await();

    /** Writes a consistent copy of the whole world to {@code file}, from which a run can start. */
    void backup(Path file) throws IOException;
}
