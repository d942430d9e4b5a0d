package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;

import io.minersim.sealing.EpochScheduler.Action;
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
 * expirations (one bucket and timer per epoch), faults and recoveries, extensions, deal expiry, and
 * deal weights and quality-adjusted power as the actors compute them.
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

    void activate(Sector s, long activationEpoch) {
        s.activation = activationEpoch;
        updateWeights(s, activationEpoch);
        watchExpiration(s);
    }

    /** Puts the sector in the bucket of its expiration, arming the bucket's timer for the epoch after. */
    void watchExpiration(Sector s) {
        if (p.expirations.add(s.expiration, s.number)) {
            p.timers.schedule(Math.max(p.head, Math.addExact(s.expiration, 1)), Action.EXPIRATION, null,
                    s.expiration);
        }
    }

    /**
     * The head passed {@code expiration}: the live sectors that still expire then leave the chain. The
     * state stays (a lotus-miner keeps such a sector in Proving and lists it under `sectors expired`);
     * the history records {@link SectorEvent#SectorExpired}.
     */
    void expireDue(long expiration) {
        for (long n : p.expirations.take(expiration)) {
            Sector s = p.sectors.get(n);
            if (s == null || s.expiration != expiration || !s.live()) {
                continue;
            }
            if (s.state == SectorState.Removed) {
                s.expiredEpoch = p.head; // Removed takes no event, not even a record
            } else {
                p.planner.deliver(s, SectorEvent.SectorExpired, p.head, null, null);
            }
        }
    }

    /** The chain marks these proving sectors faulty, declared ({@code FaultReported}) or detected ({@code Faulty}). */
    void declareFaults(Collection<Long> numbers, boolean declared) {
        List<Sector> targets = p.existing(numbers);
        for (Sector s : targets) {
            if (s.state != SectorState.Proving) {
                throw new SectorStateException(s.number, s.state,
                        "sector " + s.number + " is " + s.state + ", only Proving sectors can become faulty");
            }
            requireLive(s, "become faulty");
        }
        for (Sector s : targets) {
            p.planner.deliver(s, declared ? SectorEvent.SectorFaultReported : SectorEvent.SectorFaulty);
        }
    }

    /** The chain sees these faulty sectors proven again: they return to {@code Proving}. */
    void recoverFaults(Collection<Long> numbers) {
        List<Sector> targets = p.existing(numbers);
        for (Sector s : targets) {
            if (s.state != SectorState.Faulty && s.state != SectorState.FaultReported) {
                throw new SectorStateException(s.number, s.state, "sector " + s.number + " is " + s.state
                        + ", not faulty");
            }
            requireLive(s, "recover");
        }
        for (Sector s : targets) {
            p.planner.deliver(s, SectorEvent.SectorFaultRecovered);
        }
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
        if (s.expiredEpoch != NONE) {
            throw new SectorStateException(s.number, s.state, "sector " + s.number + " expired at epoch "
                    + s.expiredEpoch + " (expiration " + s.expiration + "); it can no longer " + what);
        }
        if (s.terminatedEpoch != NONE) {
            throw new SectorStateException(s.number, s.state, "sector " + s.number + " was terminated at epoch "
                    + s.terminatedEpoch + "; it can no longer " + what);
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
        s.dealWeight = weight;
        s.verifiedDealWeight = verified;
        s.powerBaseEpoch = from;
    }

    /** Quality-adjusted power as the actors compute it, over the life from the power base epoch. */
    BigInteger qualityAdjustedPower(Sector s) {
        return BigInteger.valueOf(QualityAdjustedPower.of(p.sectorSize, s.expiration - s.powerBaseEpoch,
                s.dealWeight, s.verifiedDealWeight));
    }
}
