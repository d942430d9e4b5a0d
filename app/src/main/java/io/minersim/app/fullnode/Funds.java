package io.minersim.app.fullnode;

import io.minersim.rpc.types.ActorReadState;
import io.minersim.rpc.types.ActorState;
import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.MinerActorState;
import io.minersim.rpc.types.MinerPower;
import io.minersim.sealing.ChainMessage;
import io.minersim.sealing.ChainState;
import io.minersim.sealing.ChainView;
import io.minersim.sealing.Miner;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.PowerPair;
import java.math.BigInteger;
import java.util.List;

/**
 * Balances, power and the network's constants of the simulated chain. Each miner actor holds what its sectors lock
 * (initial pledge and pre-commit deposits) plus {@link #AVAILABLE}; its worker account (also its owner) was funded
 * with {@link #WORKER_FUNDING} at genesis and has paid what the actor locks, as Lotus's pre-commit and prove-commit
 * messages send it. A {@code WithdrawBalance} the miner sent moves funds from the actor's available balance to the
 * owner's account once a tipset includes it (at most what is available then, as the actor pays). The network's total power is the fleet's plus, on the mainnet profile, the rest of the network.
 */
public final class Funds {
    private static final BigInteger FIL = BigInteger.TEN.pow(18);
    /** What each miner actor holds beyond its locked funds (no block rewards are simulated). */
    static final BigInteger AVAILABLE = FIL.multiply(BigInteger.valueOf(100));
    /** What each worker account held at genesis. */
    static final BigInteger WORKER_FUNDING = FIL.multiply(BigInteger.valueOf(10_000_000));
    /** The rest of mainnet's power (about its size in 2025): 3 EiB raw, 20 EiB quality-adjusted. */
    private static final PowerPair MAINNET_REST = new PowerPair(BigInteger.valueOf(3).shiftLeft(60),
            BigInteger.valueOf(20).shiftLeft(60));
    /** The consensus minimum: 10 TiB on mainnet, 2 KiB on Lotus's 2k devnet. */
    private static final BigInteger MAINNET_MIN_POWER = BigInteger.TEN.shiftLeft(40);
    private static final BigInteger DEVNET_MIN_POWER = BigInteger.valueOf(2048);
    /** Lotus's 2k devnet starts at network version 28 and upgrades to 29 at height 200. */
    private static final long DEVNET_UPGRADE_HEIGHT = 200;

    private final Profile profile;
    private final SimulatedTipsets derive;

    Funds(Profile profile, SimulatedTipsets derive) {
        this.profile = profile;
        this.derive = derive;
    }

    /** The network version at {@code height}. */
    static long networkVersion(Profile profile, long height) {
        return profile == Profile.DEVNET && height >= DEVNET_UPGRADE_HEIGHT ? 29 : 28;
    }

    /** A code CID standing for a built-in actor's (minersim has no actor bundle). */
    private String code(String actor) {
        return Cid.of(Cid.RAW, Cid.BLAKE2B_256, derive.hash("fil/16/" + actor, 0, 32)).toString();
    }

    /** The built-in actors of the bundle, as its manifest names them. */
    static final List<String> BUILTIN_ACTORS = List.of("account", "cron", "datacap", "eam", "ethaccount", "evm",
            "init", "multisig", "paymentchannel", "placeholder", "reward", "storagemarket", "storageminer",
            "storagepower", "system", "verifiedregistry");

    /** Every built-in actor's code CID, by name (the codes StateGetActor and StateReadState answer). */
    java.util.Map<String, CidLink> actorCodes() {
        java.util.Map<String, CidLink> out = new java.util.TreeMap<>();
        for (String actor : BUILTIN_ACTORS) {
            out.put(actor, CidLink.of(code(actor)));
        }
        return out;
    }

    /** The account actor's code CID. */
    String accountCode() {
        return code("account");
    }

    /**
     * The miner's claim and the network's total, each miner's power read by {@code at}; zeros for no miner (Lotus
     * gives no error).
     */
    MinerPower power(MinerDirectory.Entry miner, List<Miner> all, java.util.function.Function<Miner, PowerPair> at) {
        PowerPair total = profile == Profile.MAINNET ? MAINNET_REST : PowerPair.ZERO;
        PowerPair own = PowerPair.ZERO;
        for (Miner m : all) {
            PowerPair p = at.apply(m);
            total = total.add(p);
            if (miner != null && m == miner.miner()) {
                own = p;
            }
        }
        BigInteger min = profile == Profile.MAINNET ? MAINNET_MIN_POWER : DEVNET_MIN_POWER;
        return new MinerPower(claim(own), claim(total), miner != null && own.qa().compareTo(min) >= 0);
    }

    private static MinerPower.Claim claim(PowerPair p) {
        return new MinerPower.Claim(p.raw(), p.qa());
    }

    /** The miner actor's available balance at {@code height} ({@code StateMinerAvailableBalance}). */
    public static BigInteger availableBalance(ChainView chain, long height) {
        return AVAILABLE.subtract(withdrawn(chain, height));
    }

    /** What the miner's {@code WithdrawBalance} messages included by {@code height} took out, each capped as the actor does. */
    private static BigInteger withdrawn(ChainView chain, long height) {
        BigInteger out = BigInteger.ZERO;
        for (ChainMessage m : chain.messages()) {
            if (m.method() == ChainMessage.WITHDRAW_BALANCE && m.inclusionEpoch() <= height && m.amount() != null) {
                out = out.add(m.amount().min(AVAILABLE.subtract(out)));
            }
        }
        return out;
    }

    /** The miner actor at {@code height} ({@code chain} its state then): its locked funds plus what is available. */
    ActorState minerActor(MinerDirectory.Entry e, ChainState chain, long height) {
        BigInteger balance = locked(chain).add(availableBalance(e.miner().chain(), height));
        return new ActorState(CidLink.of(code("storageminer")),
                derive.derived("miner-state:" + e.accounts().actorId(), height), 0, balance, null);
    }

    /** The worker account at {@code height}: its funding less what its miner locks; its nonce, the messages sent. */
    ActorState accountActor(MinerDirectory.Entry e, ChainState chain, long height) {
        long nonce = 0;
        for (ChainMessage m : e.miner().chain().messages()) {
            if (m.inclusionEpoch() <= height) {
                nonce++;
            }
        }
        BigInteger balance = WORKER_FUNDING.subtract(locked(chain)).max(BigInteger.ZERO).add(withdrawn(e.miner().chain(), height));
        return new ActorState(CidLink.of(accountCode()),
                derive.derived("account-state:" + e.accounts().accountId(), height), nonce, balance, null);
    }

    /**
     * StateReadState of the miner actor at {@code height}: {@link #minerActor}'s balance and code, and its state's
     * funds and proving period ({@code deadline}, the current one then); no vesting rewards or fee debt are simulated,
     * and the collections' roots are CIDs derived from the seed, the actor and the height.
     */
    ActorReadState minerReadState(MinerDirectory.Entry e, ChainState chain, DeadlineInfo deadline, long height) {
        ActorState a = minerActor(e, chain, height);
        String id = e.accounts().actorAddress();
        MinerActorState state = new MinerActorState(derive.derived("miner-info:" + id, height),
                chain.preCommitDeposits(), BigInteger.ZERO, null, BigInteger.ZERO, chain.initialPledge(),
                derive.derived("miner-precommits:" + id, height), derive.derived("miner-precommit-cleanup:" + id,
                height), derive.derived("miner-allocated:" + id, height), derive.derived("miner-sectors:" + id,
                height), deadline.periodStart(), deadline.index(), derive.derived("miner-deadlines:" + id, height),
                new BitFieldRuns(new long[] {0}), true);
        return new ActorReadState(a.balance(), a.code(), state);
    }

    /** StateReadState of the worker account at {@code height}: its state is its key address. */
    ActorReadState accountReadState(MinerDirectory.Entry e, ChainState chain, long height) {
        ActorState a = accountActor(e, chain, height);
        return new ActorReadState(a.balance(), a.code(), java.util.Map.of("Address", e.accounts().keyAddress()));
    }

    private static BigInteger locked(ChainState chain) {
        return chain.initialPledge().add(chain.preCommitDeposits());
    }

    /** The pledge of a CC sector of that seal proof: its size times the pledge per byte. */
    static BigInteger pledgeFor(long sealProof) {
        if (sealProof < 0 || sealProof >= 20) {
            throw new ChainException("unsupported proof type: " + sealProof);
        }
        SectorSize size = SectorSize.values()[(int) (sealProof % 5)];
        return BigInteger.valueOf(size.bytes()).multiply(Miner.PLEDGE_PER_QA_BYTE);
    }

    /** Lotus's ×110/100 on the deprecated pledge and deposit estimates. */
    static BigInteger overestimated(BigInteger v) {
        return v.multiply(BigInteger.valueOf(110)).divide(BigInteger.valueOf(100));
    }
}
