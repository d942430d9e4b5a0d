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

    /** A sent message; {@code amount} is the attoFIL a {@code WithdrawBalance} requests (null for other methods). */
    record Message(int index, Method method, long sentEpoch, long[] sectors, Cid cid, java.math.BigInteger amount) {
        /** The epoch the message is included in a tipset. */
        long inclusionEpoch() {
            return sentEpoch + 1;
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
        Message m = new Message(nonce, method, epoch, sectors.clone(), Cid.dagCborBlake2b256(enc.toByteArray()),
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
