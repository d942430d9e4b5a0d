package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.fsm.SectorTransitions;
import io.minersim.sealing.fsm.Transition;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.stats.QualityAdjustedPower;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulated chain side a real miner only observes: the pre-commit expiration rule, activation,
 * which sectors the miner can read (faults reach the chain through {@link WindowPoSt}), extensions,
 * deal expiry, and deal weights and quality-adjusted power as the actors compute them.
 */
final class ChainSide {

    private final Pipeline p;

    ChainSide(Pipeline p) {
        this.p = p;
    }

    /** Lotus's pre-commit expiration rule, at the head. */
    long preCommitExpiration(Sector s) {
        long latestDealEnd = 0;
        for (Piece piece : s.pieces) {
            if (!piece.isFiller()) {
                latestDealEnd = Math.max(latestDealEnd, piece.deal().endEpoch());
            }
        }
        long head = p.head;
        long expiration = latestDealEnd != 0 ? latestDealEnd
                : head + p.policy.epochsCovering(Pipeline.seconds(p.sealing.committedCapacitySectorLifetime()));
        expiration = Math.max(expiration, head + p.policy.minSectorExpiration() + p.policy.wpostProvingPeriod());
        expiration = Math.max(expiration, s.ticketEpoch + p.policy.maxPreCommitRandomnessLookback()
                + p.policy.maxProveCommitDuration() + p.policy.minSectorExpiration());
        return Math.min(expiration, head + p.policy.preCommitChallengeDelay() + p.policy.maxSectorExpirationExtension());
    }

    /** ProveCommit landed: the sector is on chain, its weights set, and it goes to a deadline, unproven. */
    void activate(Sector s, long activationEpoch) {
        s.activation = activationEpoch;
        updateWeights(s, activationEpoch);
        p.wdpost.activate(s);
    }

    /**
     * The miner can no longer read these sectors (Sim.DeclareFaults): its next Window PoSt of their
     * deadline skips them and the chain marks them faulty. The sealing state does not move.
     */
    void makeUnprovable(Collection<Long> numbers) {
        List<Sector> targets = p.existing(numbers);
        for (Sector s : targets) {
            requireProving(s, "become faulty");
        }
        for (Sector s : targets) {
            p.unprovable = p.unprovable.union(io.minersim.sealing.numbers.BitField.of(s.number));
        }
    }

    /**
     * The miner can read these sectors again (Sim.Recover): faulty ones are declared recovered before
     * their deadline's next Window PoSt, which proves them.
     */
    void makeProvable(Collection<Long> numbers) {
        List<Sector> targets = p.existing(numbers);
        for (Sector s : targets) {
            boolean unreadable = p.unprovable.contains(s.number);
            if (!unreadable && !p.proving.isFaulty(s.number)) {
                throw new SectorStateException(s.number, s.state, "sector " + s.number
                        + " is neither unreadable nor faulty on chain");
            }
            requireLive(s, "recover");
        }
        for (Sector s : targets) {
            p.unprovable = p.unprovable.subtract(io.minersim.sealing.numbers.BitField.of(s.number));
        }
    }

    /** A sector the chain proves: activated, in a partition, still live. */
    private void requireProving(Sector s, String what) {
        if (!s.onChain() || p.proving.placeOf(s.number) == null) {
            throw new SectorStateException(s.number, s.state, "sector " + s.number + " is " + s.state
                    + ", not active on chain; only sectors the chain proves can " + what);
        }
        requireLive(s, what);
    }

    /** {@link Miner#extendSectors}: every check first, then every move. */
    void extendSectors(Collection<Long> numbers, long newExpiration) {
        List<Sector> targets = p.existing(numbers);
        for (Sector s : targets) {
            checkExtension(s, newExpiration);
        }
        for (Sector s : targets) {
            p.planner.deliver(s, SectorEvent.SectorExtended, newExpiration, null, null);
        }
    }

    private void checkExtension(Sector s, long newExpiration) {
        if (s.state == SectorState.Removed || !s.onChain()) {
            throw new SectorStateException(s.number, s.state, "cannot extend sector " + s.number
                    + ": it is not active on chain (state " + s.state + ")");
        }
        requireLive(s, "be extended");
        if (newExpiration < s.expiration) {
            throw new InvalidInputException("newExpiration", "cannot reduce sector " + s.number
                    + " expiration to " + newExpiration + " from " + s.expiration);
        }
        if (newExpiration == s.expiration) {
            throw new InvalidInputException("newExpiration", "sector " + s.number
                    + " already expires at epoch " + newExpiration + "; an extension must be later");
        }
        long head = p.head;
        long maxByNow = head + p.policy.maxSectorExpirationExtension();
        if (newExpiration > maxByNow) {
            throw new InvalidInputException("newExpiration", "invalid expiration " + newExpiration
                    + " for sector " + s.number + ": cannot be more than "
                    + p.policy.maxSectorExpirationExtension() + " past current epoch " + head);
        }
        if (newExpiration - s.activation > p.policy.sectorMaxLifetime()) {
            throw new InvalidInputException("newExpiration", "invalid expiration " + newExpiration
                    + " for sector " + s.number + ": total sector lifetime (" + (newExpiration - s.activation)
                    + ") cannot exceed " + p.policy.sectorMaxLifetime() + " after activation " + s.activation);
        }
    }

    /** {@link Miner#expireDeals}: unknown deal IDs refused first, then the sealing sectors holding one give up. */
    void expireDeals(Collection<Long> dealIds) {
        Set<Long> known = new HashSet<>();
        for (long n : p.sectors.allNumbers()) {
            Sector s = p.sectors.get(n);
            collectDealIds(s.pieces, known);
            collectDealIds(s.assigned, known);
        }
        for (PieceInput.PendingPiece pending : p.pendingPieces) {
            collectDealIds(List.of(pending.piece()), known);
        }
        for (Long id : dealIds) {
            if (id == null || !known.contains(id)) {
                throw new InvalidInputException("dealIds", "deal " + id + " not found in any sector");
            }
        }
        if (dealIds.isEmpty()) {
            return;
        }
        p.expiredDeals.addAll(dealIds);
        for (long n : p.sectors.allNumbers()) {
            Sector s = p.sectors.get(n);
            if (expiredDealOf(s) == 0) {
                continue;
            }
            Transition t = SectorTransitions.next(s.state, SectorEvent.SectorDealsExpired);
            // a sealing sector not yet on chain gives up; a snap upgrade aborts back to its CC pieces
            if (t.moved() && (t.to() == SectorState.SnapDealsDealsExpired || !s.onChain())) {
                p.planner.deliver(s, SectorEvent.SectorDealsExpired, 0, null, dealsExpiredError(s));
            }
        }
    }

    void requireLive(Sector s, String what) {
        if (s.expiredEpoch() != NONE) {
            throw new SectorStateException(s.number, s.state, "sector " + s.number + " expired at epoch "
                    + s.expiredEpoch() + " (expiration " + s.expiration + "); it can no longer " + what);
        }
        if (s.terminatedEpoch() != NONE) {
            throw new SectorStateException(s.number, s.state, "sector " + s.number + " was terminated at epoch "
                    + s.terminatedEpoch() + "; it can no longer " + what);
        }
    }

    private static void collectDealIds(List<Piece> pieces, Set<Long> into) {
        for (Piece piece : pieces) {
            if (piece.reportedDealId() != 0) {
                into.add(piece.reportedDealId());
            }
        }
    }

    /** The first deal of the sector (written or assigned) that the chain has expired, or 0. */
    long expiredDealOf(Sector s) {
        if (p.expiredDeals.isEmpty()) {
            return 0;
        }
        for (List<Piece> pieces : List.of(s.pieces, s.assigned)) {
            for (Piece piece : pieces) {
                long id = piece.reportedDealId();
                if (id != 0 && p.expiredDeals.contains(id)) {
                    return id;
                }
            }
        }
        return 0;
    }

    String dealsExpiredError(Sector s) {
        return "sector deals expired: deal " + expiredDealOf(s) + " expired on chain (current epoch " + p.head + ")";
    }

    /** Deal weights: each deal piece's size times the sector's remaining life from {@code from}. */
    void updateWeights(Sector s, long from) {
        long duration = Math.max(0, s.expiration - from);
        long weight = 0;
        long verified = 0;
        for (Piece piece : s.pieces) {
            if (piece.isFiller()) {
                continue;
            }
            long w = Math.multiplyExact(piece.paddedSize(), duration);
            if (piece.deal().isVerified()) {
                verified += w;
            } else {
                weight += w;
            }
        }
        s.setDealWeight(weight);
        s.setVerifiedDealWeight(verified);
        s.powerBaseEpoch = from;
    }

    /** Quality-adjusted power as the actors compute it, over the life from the power base epoch. */
    BigInteger qualityAdjustedPower(Sector s) {
        return BigInteger.valueOf(QualityAdjustedPower.of(p.sectorSize, s.expiration - s.powerBaseEpoch,
                s.dealWeight(), s.verifiedDealWeight()));
    }
}
