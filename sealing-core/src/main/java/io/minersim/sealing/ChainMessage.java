package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;

/**
 * A message the miner sent to its actor: its CID, nonce, actor method number, the epoch it was sent
 * and the epoch a tipset includes it, and the sectors (or, for a Window PoSt, the deadline) it names;
 * for a {@code WithdrawBalance} ({@link #WITHDRAW_BALANCE}) the attoFIL it requests ({@code amount}, null
 * for every other method). Until the head reaches {@code inclusionEpoch} it is pending in the message pool.
 */
public record ChainMessage(Cid cid, long nonce, int method, long sentEpoch, long inclusionEpoch, long[] sectors,
        int exitCode, java.math.BigInteger amount) {

    /** The miner actor's {@code WithdrawBalance} method number. */
    public static final int WITHDRAW_BALANCE = 16;

    public ChainMessage {
        sectors = sectors.clone();
    }

    /** A message without an amount. */
    public ChainMessage(Cid cid, long nonce, int method, long sentEpoch, long inclusionEpoch, long[] sectors,
            int exitCode) {
        this(cid, nonce, method, sentEpoch, inclusionEpoch, sectors, exitCode, null);
    }

    @Override
    public long[] sectors() {
        return sectors.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainMessage m && cid.equals(m.cid) && nonce == m.nonce && method == m.method
                && sentEpoch == m.sentEpoch && inclusionEpoch == m.inclusionEpoch
                && java.util.Arrays.equals(sectors, m.sectors) && exitCode == m.exitCode
                && java.util.Objects.equals(amount, m.amount);
    }

    @Override
    public int hashCode() {
        return cid.hashCode();
    }

    @Override
    public String toString() {
        return "ChainMessage[" + cid + ", nonce " + nonce + ", method " + method + ", sent " + sentEpoch
                + ", included " + inclusionEpoch + "]";
    }
}
