package io.minersim.app.fullnode;

import io.minersim.rpc.types.BlockHeader;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.Signature;
import io.minersim.rpc.types.TipSet;
import io.minersim.sealing.commitment.Cid;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated chain's tipsets: one block per epoch, no null rounds, everything derived from the seed and the epoch
 * (so a manual clock and a seed give byte-identical answers). A block's CID is a dag-cbor/blake2b-256 CID whose
 * digest starts with its height (8 bytes, big-endian, spread over the 64 bits and offset by a value drawn from the
 * seed) and goes on with a hash of the seed and the height: a key a client sends back is checked by recomputing it,
 * with no table of past blocks.
 */
public final class SimulatedTipsets {
    /** Proof bytes of a winning PoSt (one SNARK). */
    private static final int WINNING_POST_BYTES = 192;
    private static final int BLS_SIGNATURE_BYTES = 96;
    private static final int VRF_BYTES = 96;
    private static final BigInteger BASE_FEE = BigInteger.valueOf(100);
    /** Weight each epoch adds (the real one grows with power; minersim's only needs to grow). */
    private static final BigInteger WEIGHT_PER_EPOCH = BigInteger.valueOf(256);

    private final long seed;
    private final long genesisTimestamp;
    private final long blockDelaySeconds;
    private final List<String> miners;
    private final long winningPoStProof;
    /** An odd multiplier that spreads a height over all 64 bits (a bijection modulo 2^64) ... */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;
    /** ... and its inverse modulo 2^64, which gives the height back. */
    private static final long SPREAD_INVERSE = inverse(SPREAD);
    /** What the spread height in a block CID's digest is offset by, drawn from the seed. */
    private final long heightMask;

    /**
     * @param seed the world's seed
     * @param genesisTimestamp unix seconds of epoch 0
     * @param blockDelaySeconds seconds per epoch
     * @param miners the miners' addresses; the block of epoch e is mined by miner e mod n
     * @param winningPoStProof the {@code abi.RegisteredPoStProof} of the blocks' winning PoSt
     */
    SimulatedTipsets(long seed, long genesisTimestamp, long blockDelaySeconds, List<String> miners,
            long winningPoStProof) {
        this.seed = seed;
        this.genesisTimestamp = genesisTimestamp;
        this.blockDelaySeconds = blockDelaySeconds;
        this.miners = List.copyOf(miners);
        this.winningPoStProof = winningPoStProof;
        this.heightMask = ByteBuffer.wrap(hash("height-mask", 0, 8)).getLong() & Long.MAX_VALUE;
    }

    /**
     * The chain of a world's miners (in order; one clock): the tipsets the full node serves and the miner's
     * {@code MiningBase} and {@code ComputeWindowPoSt} read.
     */
    public static SimulatedTipsets of(List<io.minersim.sealing.Miner> miners) {
        io.minersim.sealing.Miner first = miners.get(0);
        return new SimulatedTipsets(first.config().seed(), first.config().policy().genesisTimestamp(),
                first.config().policy().blockDelaySeconds(),
                miners.stream().map(m -> m.config().actorAddress()).toList(),
                first.config().sectorSize().ordinal());
    }

    /** The tipset of {@code height} (not negative). */
    public TipSet tipSet(long height) {
        return new TipSet(List.of(blockCid(height)), List.of(block(height)), height);
    }

    /** The key of the tipset of {@code height}. */
    List<CidLink> key(long height) {
        return List.of(blockCid(height));
    }

    /** The CID of the block of {@code height}. */
    CidLink blockCid(long height) {
        byte[] digest = new byte[32];
        ByteBuffer.wrap(digest).putLong(height * SPREAD + heightMask);
        System.arraycopy(hash("block", height, 24), 0, digest, 8, 24);
        return link(Cid.of(Cid.DAG_CBOR, Cid.BLAKE2B_256, digest));
    }

    /**
     * The height a key names: {@code head} for null or {@code []}; Lotus's {@code loading tipset} error for a key of
     * no tipset of this chain at or below {@code head}.
     */
    public long heightAt(List<CidLink> key, long head) {
        if (key == null || key.isEmpty()) {
            return head;
        }
        long h = heightOf(key);
        if (h < 0 || h > head) {
            String cids = key.stream().map(CidLink::value).collect(java.util.stream.Collectors.joining(","));
            String first = key.get(0).value();
            throw new ChainException("loading tipset {" + cids + "}: get block " + first + ": ipld: could not find "
                    + first);
        }
        return h;
    }

    /**
     * The height of the tipset a key names, or -1 when the key names no block of this chain (at any height; whether
     * that height has been reached yet is the caller's to check).
     */
    long heightOf(List<CidLink> key) {
        if (key.size() != 1) {
            return -1;
        }
        Cid cid;
        try {
            cid = Cid.parse(key.get(0).value());
        } catch (IllegalArgumentException e) {
            return -1;
        }
        byte[] d = cid.digest();
        if (cid.codec() != Cid.DAG_CBOR || cid.multihashCode() != Cid.BLAKE2B_256 || d.length != 32) {
            return -1;
        }
        long height = (ByteBuffer.wrap(d).getLong() - heightMask) * SPREAD_INVERSE;
        if (height < 0 || !Arrays.equals(Arrays.copyOfRange(d, 8, 32), hash("block", height, 24))) {
            return -1;
        }
        return height;
    }

    /** The inverse of an odd number modulo 2^64 (Newton's iteration: each step doubles the correct bits). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** Unix seconds of {@code height}. */
    long timestamp(long height) {
        return genesisTimestamp + height * blockDelaySeconds;
    }

    /** The drand entry the block at {@code height} carries: round {@code height + 1}. */
    BlockHeader.BeaconEntry beacon(long height) {
        return new BlockHeader.BeaconEntry(height + 1, hash("beacon", height, 96));
    }

    private BlockHeader block(long height) {
        List<CidLink> parents = height == 0 ? List.of(derived("genesis-parent", 0)) : key(height - 1);
        return BlockHeader.builder()
                .miner(miners.get((int) Math.floorMod(height, (long) miners.size())))
                .ticket(new BlockHeader.Ticket(hash("ticket", height, VRF_BYTES)))
                .electionProof(new BlockHeader.ElectionProof(1, hash("election", height, VRF_BYTES)))
                .beaconEntries(List.of(beacon(height)))
                .winPoStProof(List.of(new BlockHeader.PoStProof(winningPoStProof,
                        hash("winning-post", height, WINNING_POST_BYTES))))
                .parents(parents)
                .parentWeight(WEIGHT_PER_EPOCH.multiply(BigInteger.valueOf(height)))
                .height(height)
                .parentStateRoot(derived("state-root", height))
                .parentMessageReceipts(derived("receipts", height))
                .messages(derived("messages", height))
                .blsAggregate(new Signature(Signature.BLS, hash("bls-aggregate", height, BLS_SIGNATURE_BYTES)))
                .timestamp(timestamp(height))
                .blockSig(new Signature(Signature.BLS, hash("block-sig", height, BLS_SIGNATURE_BYTES)))
                .forkSignaling(0)
                .parentBaseFee(BASE_FEE)
                .build();
    }

    /** A dag-cbor CID derived from a label and a number. */
    CidLink derived(String label, long n) {
        return link(Cid.of(Cid.DAG_CBOR, Cid.BLAKE2B_256, hash(label, n, 32)));
    }

    /** {@code length} bytes derived from the seed, a label and a number (SHA-256 in counter mode). */
    byte[] hash(String label, long n, int length) {
        byte[] out = new byte[length];
        MessageDigest sha = sha256();
        for (int block = 0, off = 0; off < length; block++) {
            sha.reset();
            sha.update(ByteBuffer.allocate(20).putLong(seed).putLong(n).putInt(block).array());
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            byte[] h = sha.digest();
            int take = Math.min(h.length, length - off);
            System.arraycopy(h, 0, out, off, take);
            off += take;
        }
        return out;
    }

    static CidLink link(Cid cid) {
        return CidLink.of(cid.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
