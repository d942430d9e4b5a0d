package io.minersim.app.fullnode;

import io.minersim.rpc.types.BandwidthStats;
import io.minersim.rpc.types.NatInfo;
import io.minersim.rpc.types.PeerAddrInfo;
import io.minersim.rpc.types.SyncState;
import io.minersim.sealing.ChainMessage;
import io.minersim.sealing.Miner;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The full node as a libp2p host and a syncer. The simulated node is alone: the chain is made here, not fetched, so
 * it has no peers and no libp2p traffic (NetPeers {@code []}, zero bandwidth, an empty per-protocol map, as a Lotus
 * daemon that has not connected yet answers). It stands for a healthy daemon: always in sync with its head (one sync
 * worker, stage complete, from the previous head to the head) and reachable from outside (AutoNAT's {@code public},
 * as a provider's daemon normally is, since tools treat anything else as a problem to report). Its peer ID and
 * listen port are derived from the seed.
 */
final class NetAndSync {
    /** The libp2p port range the listen port is drawn from. */
    private static final int PORT_BASE = 20_000;
    private static final int PORT_SPAN = 40_000;
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private final SimulatedTipsets tipsets;
    private final List<Miner> miners;
    private final String peerId;
    private final int port;

    NetAndSync(SimulatedTipsets tipsets, List<Miner> miners) {
        this.tipsets = tipsets;
        this.miners = miners;
        this.peerId = peerId(tipsets.hash("libp2p-ed25519-key", 0, 32));
        byte[] p = tipsets.hash("libp2p-port", 0, 4);
        this.port = PORT_BASE + Math.floorMod(new BigInteger(1, p).intValue(), PORT_SPAN);
    }

    /**
     * The peer ID of an Ed25519 public key as libp2p prints it: base58btc of the identity multihash
     * ({@code 0x00}, length 36) of the key's protobuf ({@code 08 01 12 20} + 32 bytes), hence {@code 12D3KooW…}.
     */
    static String peerId(byte[] ed25519PublicKey) {
        if (ed25519PublicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + ed25519PublicKey.length);
        }
        byte[] mh = new byte[38];
        mh[0] = 0x00;
        mh[1] = 36;
        mh[2] = 0x08;
        mh[3] = 0x01;
        mh[4] = 0x12;
        mh[5] = 0x20;
        System.arraycopy(ed25519PublicKey, 0, mh, 6, 32);
        return base58(mh);
    }

    static String base58(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        BigInteger radix = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(radix);
            out.append(BASE58.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    String peerId() {
        return peerId;
    }

    /** One worker, complete, that synced from the previous head to the head; VMApplied, the messages landed so far. */
    SyncState syncState(long head) {
        long base = Math.max(0, head - 1);
        String at = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(tipsets.timestamp(head)));
        long applied = 0;
        for (Miner m : miners) {
            for (ChainMessage msg : m.chain().messages()) {
                if (msg.inclusionEpoch() <= head) {
                    applied++;
                }
            }
        }
        // the sync manager numbers its jobs from 1, one per head since genesis
        SyncState.ActiveSync worker = new SyncState.ActiveSync(head + 1, tipsets.tipSet(base), tipsets.tipSet(head),
                SyncState.STAGE_SYNC_COMPLETE, head, at, at, "");
        return new SyncState(List.of(worker), applied);
    }

    List<PeerAddrInfo> peers() {
        return List.of();
    }

    /** Public, at the node's libp2p listen address. */
    NatInfo natInfo() {
        return new NatInfo(NatInfo.PUBLIC, List.of("/ip4/127.0.0.1/tcp/" + port));
    }

    BandwidthStats bandwidth() {
        return BandwidthStats.NONE;
    }

    Map<String, BandwidthStats> bandwidthByProtocol() {
        return Map.of();
    }
}
