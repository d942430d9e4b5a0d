package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages the miner has sent to the simulated chain, by index. A message's CID is the dag-cbor
 * blake2b-256 CID of a deterministic encoding of (seed, miner, nonce, method, sectors), so the same
 * run sends the same CIDs.
 */
final class ChainMessages {

    /** The actor methods the pipeline calls. */
    enum Method {
        PRE_COMMIT_SECTOR_BATCH2(28),
        PROVE_COMMIT_SECTORS3(34),
        PROVE_COMMIT_AGGREGATE(26),
        TERMINATE_SECTORS(9),
        PROVE_REPLICA_UPDATES3(35),
        SUBMIT_WINDOWED_POST(5),
        DECLARE_FAULTS_RECOVERED(11),
        WITHDRAW_BALANCE(16);

        final int number;

        Method(int number) {
            this.number = number;
        }
    }

    /**
     * A sent message; {@code amount} is the attoFIL a {@code WithdrawBalance} requests (null for other methods). The
     * sectors it names are kept packed (zigzag varint deltas: a batch of neighbouring sectors takes a byte or two a
     * sector) and unpacked by {@link #sectors()}.
     */
    static final class Message {
        private final int index;
        private final Method method;
        private final long sentEpoch;
        private final int sectorCount;
        private final byte[] packedSectors;
        private final Cid cid;
        private final java.math.BigInteger amount;

        Message(int index, Method method, long sentEpoch, long[] sectors, Cid cid, java.math.BigInteger amount) {
            this.index = index;
            this.method = method;
            this.sentEpoch = sentEpoch;
            this.sectorCount = sectors.length;
            this.packedSectors = pack(sectors);
            this.cid = cid;
            this.amount = amount;
        }

        int index() {
            return index;
        }

        Method method() {
            return method;
        }

        long sentEpoch() {
            return sentEpoch;
        }

        /** The sectors the message names, in the order sent (a new array each call). */
        long[] sectors() {
            long[] out = new long[sectorCount];
            long prev = 0;
            int at = 0;
            for (int i = 0; i < sectorCount; i++) {
                long z = 0;
                for (int shift = 0; ; shift += 7) {
                    byte b = packedSectors[at++];
                    z |= (long) (b & 0x7F) << shift;
                    if (b >= 0) {
                        break;
                    }
                }
                prev += (z >>> 1) ^ -(z & 1);
                out[i] = prev;
            }
            return out;
        }

        /** How many sectors the message names. */
        int sectorCount() {
            return sectorCount;
        }

        Cid cid() {
            return cid;
        }

        java.math.BigInteger amount() {
            return amount;
        }

        /** The epoch the message is included in a tipset. */
        long inclusionEpoch() {
            return sentEpoch + 1;
        }

        private static byte[] pack(long[] sectors) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(sectors.length + 8);
            long prev = 0;
            for (long v : sectors) {
                long d = v - prev;
                prev = v;
                long z = (d << 1) ^ (d >> 63);
                while ((z & ~0x7FL) != 0) {
                    out.write((int) ((z & 0x7F) | 0x80));
                    z >>>= 7;
                }
                out.write((int) z);
            }
            return out.toByteArray();
        }
    }

    private final long seed;
    private final long actorId;
    private final List<Message> messages = new ArrayList<>();

    ChainMessages(long seed, long actorId) {
        this.seed = seed;
        this.actorId = actorId;
    }

    Message send(Method method, long epoch, long[] sectors) {
        return send(method, epoch, sectors, null);
    }

    /** A message with an amount (a {@code WithdrawBalance}'s request): the amount's bytes go into its CID too. */
    Message send(Method method, long epoch, long[] sectors, java.math.BigInteger amount) {
        int nonce = messages.size();
        ByteArrayOutputStream enc = new ByteArrayOutputStream(64 + sectors.length * 9);
        enc.writeBytes("minersim/message".getBytes(StandardCharsets.US_ASCII));
        writeLong(enc, seed);
        writeLong(enc, actorId);
        writeLong(enc, nonce);
        writeLong(enc, method.number);
        writeLong(enc, epoch);
        for (long s : sectors) {
            writeLong(enc, s);
        }
        if (amount != null) {
            enc.writeBytes(amount.toByteArray());
        }
        Message m = new Message(nonce, method, epoch, sectors, Cid.dagCborBlake2b256(enc.toByteArray()),
                amount);
        messages.add(m);
        return m;
    }

    Message get(int index) {
        return messages.get(index);
    }

    int size() {
        return messages.size();
    }

    /** The seed and actor the CIDs derive from; a snapshot's messages are sent again into a fresh log. */
    ChainMessages emptyCopy() {
        return new ChainMessages(seed, actorId);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
