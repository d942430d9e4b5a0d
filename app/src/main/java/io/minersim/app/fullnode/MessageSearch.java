package io.minersim.app.fullnode;

import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.sealing.ChainMessage;
import io.minersim.sealing.Miner;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The full node's message search: {@code StateSearchMsg} and {@code StateWaitMsg} over the messages the world's
 * miners sent, answered with their receipts ({@link ChainWire#lookup}).
 */
final class MessageSearch {
    /** Lotus's {@code api.LookbackNoLimit}. */
    static final long LOOKBACK_NO_LIMIT = -1;
    /** Lotus's {@code stmgr.MaxMessageConfidence}: chain finality. */
    static final long MAX_MESSAGE_CONFIDENCE = 900;
    /** How many StateWaitMsg calls may wait at once. */
    static final int MAX_WAITING = 32;

    private final List<Miner> miners;
    private final SimulatedTipsets tipsets;
    private final HeadFeed feed;
    private final LongSupplier head;
    private final java.util.concurrent.Semaphore waiting = new java.util.concurrent.Semaphore(MAX_WAITING);

    MessageSearch(List<Miner> miners, SimulatedTipsets tipsets, HeadFeed feed, LongSupplier head) {
        this.miners = miners;
        this.tipsets = tipsets;
        this.feed = feed;
        this.head = head;
    }

    private long head() {
        return head.getAsLong();
    }

    /** {@code StateSearchMsg} from the tipset at height {@code h}. */
    MsgLookup search(long h, CidLink message, long lookbackLimit) {
        ChainMessage m = load(message);
        if (m.inclusionEpoch() > h || beyondLimit(m, h, lookbackLimit)) {
            return null;
        }
        return ChainWire.lookup(m, tipsets);
    }

    /** Whether a lookback limit (not {@value #LOOKBACK_NO_LIMIT}) stops the search before the message's tipset. */
    private static boolean beyondLimit(ChainMessage m, long from, long limit) {
        return limit != LOOKBACK_NO_LIMIT && m.inclusionEpoch() + limit < from;
    }

    /**
     * Lotus's {@code WaitForMessage}: a confidence above chain finality and a message the node does not hold fail at
     * once; otherwise the call waits for the message to land and gather its confidence. A waiting call holds a
     * thread, so at most {@value #MAX_WAITING} wait at once (a further one fails at once), and each ends when its
     * caller goes away (the transport interrupts it: a closed connection, or {@code xrpc.cancel}) with go-jsonrpc's
     * {@code context canceled}.
     */
    MsgLookup await(CidLink message, long confidence, long lookbackLimit) {
        if (confidence < 0 || confidence > MAX_MESSAGE_CONFIDENCE) {
            throw new ChainException("message confidence exceeds maximum: " + Long.toUnsignedString(confidence)
                    + " > " + MAX_MESSAGE_CONFIDENCE);
        }
        load(message);
        if (!waiting.tryAcquire()) {
            throw new ChainException("too many StateWaitMsg calls waiting (" + MAX_WAITING + "); try again later");
        }
        try {
            long start = head();
            while (true) {
                long h = head();
                ChainMessage m = find(message);
                // the look back from the call's head obeys the limit; a message landing later is seen as it lands
                if (m != null && m.inclusionEpoch() <= h && h - m.inclusionEpoch() >= confidence
                        && (m.inclusionEpoch() > start || !beyondLimit(m, start, lookbackLimit))) {
                    return ChainWire.lookup(m, tipsets);
                }
                feed.awaitHeadAfter(h);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("context canceled");
        } finally {
            waiting.release();
        }
    }

    /** How many StateWaitMsg calls are waiting now. */
    int waitingCalls() {
        return MAX_WAITING - waiting.availablePermits();
    }

    /**
     * The message as the node's chain store loads it: one the miners have sent by the head; Lotus's error for any
     * other CID.
     */
    private ChainMessage load(CidLink cid) {
        ChainMessage m = find(cid);
        if (m == null || m.sentEpoch() > head()) {
            // go-cid prints cid.Undef (a JSON null) as "b"
            throw new ChainException("failed to load message: ipld: could not find "
                    + (cid == null ? "b" : cid.value()));
        }
        return m;
    }

    /** The message of that CID among every miner's, or null. */
    private ChainMessage find(CidLink cid) {
        if (cid == null) {
            return null;
        }
        for (Miner m : miners) {
            for (ChainMessage msg : m.chain().messages()) {
                if (msg.cid().toString().equals(cid.value())) {
                    return msg;
                }
            }
        }
        return null;
    }
}
