package io.minersim.sealing.stats;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One miner's daily sector statistics, kept up to date move by move.
 *
 * <p>Design. The miner's writer calls {@link #record} for every move whose event the statistics
 * observe ({@link #observes}), in history order. A move updates the counters of the current day
 * (the UTC date of {@code genesis + epoch × block delay}) and a few facts per sector (power,
 * activation, lifetime, whether it is live and faulty), so that a repeated or out-of-place event
 * (a second pre-commit landing, a termination of a sector already terminated by the network)
 * counts once. When a move falls on a later day, the current day is frozen and days without moves
 * are carried forward. Reading a day is a lookup: O(1) whatever the history's length; recording a
 * move is O(1); memory is one row per day (about 0.6 KB) and a few bytes per sector on chain (its flags, and its
 * power, activation and lifetime packed by page).
 *
 * <p>Thread safety: recording and reading synchronise on this object; a reader sees whole moves.
 */
public final class MinerStatistics {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final int MEASURES = Measure.values().length;
    private static final int LEVELS = Level.values().length;
    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;

    private static final byte PRE_COMMITTED = 1;
    private static final byte ON_CHAIN = 2;
    private static final byte LIVE = 4;
    private static final byte FAULTY = 8;

    private static final Set<SectorEvent> OBSERVED = EnumSet.of(SectorEvent.SectorPreCommitLanded,
            SectorEvent.SectorProving, SectorEvent.SectorReceived, SectorEvent.SectorFaultDetected,
            SectorEvent.SectorFaultRecovered, SectorEvent.SectorFaultedFinal,
            SectorEvent.SectorTerminated, SectorEvent.SectorReplicaUpdateLanded, SectorEvent.SectorExtended,
            SectorEvent.SectorExpired);

    private final long genesisTimestamp;
    private final long blockDelaySeconds;
    private final long genesisDay;

    /** Frozen days, from the genesis day up to the day before {@link #currentDay}. */
    private final List<SectorStats> past = new ArrayList<>();
    private long currentDay;
    private final long[] daily = new long[MEASURES];
    private final long[] total = new long[MEASURES];
    private final long[] level = new long[LEVELS];
    private BigInteger lifetimeSquares = BigInteger.ZERO;
    private long lastEpoch;

    private final Map<Long, Page> pages = new HashMap<>();
    private final BitSet preCommitBatchMessages = new BitSet();
    private final BitSet aggregateMessages = new BitSet();

    /** Per-sector facts, in pages of 1024 sector numbers; the longs packed ({@link PageColumn}). */
    private static final class Page {
        final byte[] flags = new byte[PAGE];
        final PageColumn qap = new PageColumn(PAGE);
        final PageColumn activation = new PageColumn(PAGE);
        final PageColumn lifetimeSeconds = new PageColumn(PAGE);
    }

    /**
     * Statistics of a chain whose epoch 0 is at {@code genesisTimestamp} (unix seconds) with epochs
     * of {@code blockDelaySeconds}.
     */
    public MinerStatistics(long genesisTimestamp, long blockDelaySeconds) {
        if (blockDelaySeconds <= 0) {
            throw new InvalidInputException("blockDelaySeconds", "block delay must be positive");
        }
        this.genesisTimestamp = genesisTimestamp;
        this.blockDelaySeconds = blockDelaySeconds;
        this.genesisDay = Math.floorDiv(genesisTimestamp, SECONDS_PER_DAY);
        this.currentDay = genesisDay;
    }

    /** Whether moves by {@code event} change the statistics (others need not be recorded). */
    public static boolean observes(SectorEvent event) {
        return OBSERVED.contains(event);
    }

    /** The UTC date of an epoch. */
    public LocalDate dateOf(long epoch) {
        return LocalDate.ofEpochDay(dayOf(epoch));
    }

    /** The date of epoch 0. */
    public LocalDate genesisDate() {
        return LocalDate.ofEpochDay(genesisDay);
    }

    /**
     * The last day whose every epoch is at or before {@code head}: the day before the head's, or
     * {@code null} while the chain is still on its genesis day.
     */
    public LocalDate lastCompleteDate(long head) {
        long day = dayOf(head) - 1;
        return day < genesisDay ? null : LocalDate.ofEpochDay(day);
    }

    /** Takes in one move; moves come in history order (epochs never go back). */
    public synchronized void record(SectorMove m) {
        if (m.epoch() < lastEpoch) {
            throw new InvalidInputException("epoch", "moves must come in epoch order: " + m.epoch() + " after "
                    + lastEpoch);
        }
        lastEpoch = m.epoch();
        rollTo(dayOf(m.epoch()));
        switch (m.event()) {
            case SectorPreCommitLanded -> preCommitLanded(m);
            case SectorProving -> onboard(m, m.message());
            case SectorReceived -> {
                if (m.powerBaseEpoch() != SectorMove.NOT_ON_CHAIN
                        && (m.to() == SectorState.Proving || m.to() == SectorState.Available)) {
                    onboard(m, null);
                }
            }
            case SectorFaultDetected -> fault(m);
            case SectorFaultRecovered -> recover(m);
            case SectorFaultedFinal -> leave(m, Measure.PASSIVE_TERMINATED_RBP, Measure.PASSIVE_TERMINATED_QAP);
            case SectorTerminated -> leave(m, Measure.ACTIVE_TERMINATED_RBP, Measure.ACTIVE_TERMINATED_QAP);
            case SectorReplicaUpdateLanded -> snap(m);
            case SectorExtended -> extend(m);
            case SectorExpired -> leave(m, Measure.EXPIRED_RBP, Measure.EXPIRED_QAP);
            default -> {
                // not a chain-side change the statistics count
            }
        }
    }

    /**
     * Takes in the moves of a past laid out after the fact (the chain moves of seeded sectors), in
     * any order: they are counted in epoch order (a stable sort, so one sector's moves at the same
     * epoch keep their order). A move earlier than the last one already recorded cannot go into a
     * frozen day: it counts at that last epoch instead (on the current day), so the cumulative
     * totals and levels stay right and only the daily split of that part of the past is lost.
     */
    public synchronized void recordPast(List<SectorMove> moves) {
        List<SectorMove> sorted = new ArrayList<>(moves);
        sorted.sort(java.util.Comparator.comparingLong(SectorMove::epoch));
        long floor = lastEpoch;
        for (SectorMove m : sorted) {
            record(m.epoch() < floor ? m.atEpoch(floor) : m);
        }
    }

    /** The epoch of the last move recorded (0 before any). */
    public synchronized long lastEpoch() {
        return lastEpoch;
    }

    /**
     * The statistics of {@code date}: frozen for past days, as they stand for the current day, and
     * carried forward (no daily activity) for later days.
     */
    public synchronized SectorStats day(LocalDate date) {
        long day = date.toEpochDay();
        if (day < genesisDay) {
            throw new InvalidInputException("state_date", date + " is before the chain's genesis ("
                    + genesisDate() + ")");
        }
        if (day < currentDay) {
            return past.get((int) (day - genesisDay));
        }
        return new SectorStats(date, day == currentDay ? daily : new long[MEASURES], total, level,
                lifetimeSquares);
    }

    /**
     * Everything the statistics hold, as plain arrays, for a miner's snapshot.
     *
     * @param lastEpoch the epoch of the last move recorded
     * @param rows every day from genesis to the current day, each {@link SectorStats#rowLength()} longs
     *     (daily, total, level)
     * @param lifetimeSquares per day, the sum of squared active lifetimes (seconds²), in decimal
     * @param sectors per-sector facts: number, flags, QAP, activation and lifetime in seconds, five
     *     longs a sector
     * @param preCommitBatchMessages the pre-commit batch messages counted, ascending
     * @param aggregateMessages the prove-commit aggregates counted, ascending
     */
    public record State(long lastEpoch, long[] rows, List<String> lifetimeSquares, long[] sectors,
            long[] preCommitBatchMessages, long[] aggregateMessages) {
        public State {
            if (lastEpoch < 0 || rows.length == 0 || rows.length % SectorStats.rowLength() != 0
                    || rows.length / SectorStats.rowLength() != lifetimeSquares.size() || sectors.length % 5 != 0) {
                throw new InvalidInputException("statistics", "inconsistent statistics state: " + rows.length
                        + " row values for " + lifetimeSquares.size() + " days, " + sectors.length + " sector values");
            }
        }
    }

    /** The whole state, for a snapshot; {@link #restore} makes statistics that answer the same. */
    public synchronized State exportState() {
        List<SectorStats> days = new ArrayList<>(past);
        days.add(new SectorStats(LocalDate.ofEpochDay(currentDay), daily, total, level, lifetimeSquares));
        long[] rows = new long[days.size() * SectorStats.rowLength()];
        List<String> squares = new ArrayList<>(days.size());
        for (int d = 0; d < days.size(); d++) {
            System.arraycopy(days.get(d).row(), 0, rows, d * SectorStats.rowLength(), SectorStats.rowLength());
            squares.add(days.get(d).lifetimeSquares().toString());
        }
        List<Long> keys = new ArrayList<>(pages.keySet());
        keys.sort(null);
        long[] sectors = new long[0];
        int n = 0;
        for (long k : keys) {
            Page p = pages.get(k);
            for (int i = 0; i < PAGE; i++) {
                if (p.flags[i] == 0) {
                    continue;
                }
                if (n + 5 > sectors.length) {
                    sectors = java.util.Arrays.copyOf(sectors, Math.max(64, sectors.length * 2));
                }
                sectors[n++] = (k << PAGE_BITS) | i;
                sectors[n++] = p.flags[i];
                sectors[n++] = p.qap.get(i);
                sectors[n++] = p.activation.get(i);
                sectors[n++] = p.lifetimeSeconds.get(i);
            }
        }
        return new State(lastEpoch, rows, squares, java.util.Arrays.copyOf(sectors, n),
                preCommitBatchMessages.stream().mapToLong(i -> i).toArray(),
                aggregateMessages.stream().mapToLong(i -> i).toArray());
    }

    /** Statistics as {@code state} describes them, on a chain of this genesis and block delay. */
    public static MinerStatistics restore(long genesisTimestamp, long blockDelaySeconds, State state) {
        MinerStatistics st = new MinerStatistics(genesisTimestamp, blockDelaySeconds);
        int days = state.lifetimeSquares().size();
        for (int d = 0; d < days; d++) {
            BigInteger squares;
            try {
                squares = new BigInteger(state.lifetimeSquares().get(d));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("statistics", "not a number: " + state.lifetimeSquares().get(d));
            }
            SectorStats day = SectorStats.ofRow(LocalDate.ofEpochDay(st.genesisDay + d), state.rows(),
                    d * SectorStats.rowLength(), squares);
            if (d < days - 1) {
                st.past.add(day);
            } else {
                st.currentDay = st.genesisDay + d;
                long[] row = day.row();
                System.arraycopy(row, 0, st.daily, 0, MEASURES);
                System.arraycopy(row, MEASURES, st.total, 0, MEASURES);
                System.arraycopy(row, 2 * MEASURES, st.level, 0, LEVELS);
                st.lifetimeSquares = squares;
            }
        }
        st.lastEpoch = state.lastEpoch();
        long[] s = state.sectors();
        for (int j = 0; j < s.length; j += 5) {
            if (s[j] < 0 || s[j + 1] <= 0 || s[j + 1] > (PRE_COMMITTED | ON_CHAIN | LIVE | FAULTY)) {
                throw new InvalidInputException("statistics", "bad sector facts for sector " + s[j]);
            }
            Page p = st.page(s[j]);
            int i = slot(s[j]);
            p.flags[i] = (byte) s[j + 1];
            p.qap.set(i, s[j + 2]);
            p.activation.set(i, s[j + 3]);
            p.lifetimeSeconds.set(i, s[j + 4]);
        }
        for (long m : state.preCommitBatchMessages()) {
            st.preCommitBatchMessages.set(Math.toIntExact(m));
        }
        for (long m : state.aggregateMessages()) {
            st.aggregateMessages.set(Math.toIntExact(m));
        }
        return st;
    }

    /**
     * Takes on the whole state of {@code restored} (statistics of the same chain, made by
     * {@link #restore} and used nowhere else), keeping this object: readers that hold it (the
     * statistics API) see the restored miner rather than a stale copy.
     */
    public synchronized void replaceWith(MinerStatistics restored) {
        if (restored.genesisTimestamp != genesisTimestamp || restored.blockDelaySeconds != blockDelaySeconds) {
            throw new IllegalArgumentException("statistics of another chain: genesis " + restored.genesisTimestamp
                    + ", block delay " + restored.blockDelaySeconds);
        }
        synchronized (restored) {
            past.clear();
            past.addAll(restored.past);
            currentDay = restored.currentDay;
            System.arraycopy(restored.daily, 0, daily, 0, MEASURES);
            System.arraycopy(restored.total, 0, total, 0, MEASURES);
            System.arraycopy(restored.level, 0, level, 0, LEVELS);
            lifetimeSquares = restored.lifetimeSquares;
            lastEpoch = restored.lastEpoch;
            pages.clear();
            pages.putAll(restored.pages);
            preCommitBatchMessages.clear();
            preCommitBatchMessages.or(restored.preCommitBatchMessages);
            aggregateMessages.clear();
            aggregateMessages.or(restored.aggregateMessages);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private long dayOf(long epoch) {
        return Math.floorDiv(genesisTimestamp + epoch * blockDelaySeconds, SECONDS_PER_DAY);
    }

    private void rollTo(long day) {
        while (currentDay < day) {
            past.add(new SectorStats(LocalDate.ofEpochDay(currentDay), daily, total, level, lifetimeSquares));
            java.util.Arrays.fill(daily, 0);
            currentDay++;
        }
    }

    private void add(Measure m, long value) {
        daily[m.ordinal()] = Math.addExact(daily[m.ordinal()], value);
        total[m.ordinal()] = Math.addExact(total[m.ordinal()], value);
    }

    private void addLevel(Level l, long value) {
        level[l.ordinal()] = Math.addExact(level[l.ordinal()], value);
    }

    private Page page(long sector) {
        return pages.computeIfAbsent(sector >>> PAGE_BITS, k -> new Page());
    }

    private static int slot(long sector) {
        return (int) (sector & (PAGE - 1));
    }

    private void preCommitLanded(SectorMove m) {
        SectorMove.Message msg = m.message();
        Page p = page(m.sector());
        int i = slot(m.sector());
        if (msg == null || (p.flags[i] & PRE_COMMITTED) != 0) {
            return;
        }
        p.flags[i] |= PRE_COMMITTED;
        long qap = QualityAdjustedPower.ofBytes(m.sectorSize(), m.dealBytes(), m.verifiedDealBytes());
        if (msg.sectors() == 1) {
            add(Measure.PRE_COMMIT_SECTORS, 1);
            add(Measure.PRE_COMMIT_RBP, m.sectorSize());
            add(Measure.PRE_COMMIT_QAP, qap);
        } else {
            add(Measure.PRE_COMMIT_BATCH_SECTORS, 1);
            add(Measure.PRE_COMMIT_BATCH_RBP, m.sectorSize());
            add(Measure.PRE_COMMIT_BATCH_QAP, qap);
            if (!preCommitBatchMessages.get(Math.toIntExact(msg.index()))) {
                preCommitBatchMessages.set(Math.toIntExact(msg.index()));
                add(Measure.PRE_COMMIT_BATCH_MESSAGES, 1);
            }
        }
    }

    private void onboard(SectorMove m, SectorMove.Message msg) {
        Page p = page(m.sector());
        int i = slot(m.sector());
        if ((p.flags[i] & ON_CHAIN) != 0 || m.powerBaseEpoch() == SectorMove.NOT_ON_CHAIN) {
            return;
        }
        p.flags[i] |= ON_CHAIN | LIVE;
        long qap = m.qualityAdjustedPower();
        p.qap.set(i, qap);
        p.activation.set(i, m.powerBaseEpoch());
        p.lifetimeSeconds.set(i, lifetimeSeconds(m.expiration(), m.powerBaseEpoch()));
        add(Measure.ONBOARDED_SECTORS, 1);
        add(Measure.ONBOARDED_RBP, m.sectorSize());
        add(Measure.ONBOARDED_QAP, qap);
        if (msg != null) {
            add(Measure.SEALED_SECTORS, 1);
            if (msg.aggregate()) {
                add(Measure.PROVE_COMMIT_AGGREGATE_SECTORS, 1);
                add(Measure.PROVE_COMMIT_AGGREGATE_RBP, m.sectorSize());
                add(Measure.PROVE_COMMIT_AGGREGATE_QAP, qap);
                if (!aggregateMessages.get(Math.toIntExact(msg.index()))) {
                    aggregateMessages.set(Math.toIntExact(msg.index()));
                    add(Measure.PROVE_COMMIT_AGGREGATE_MESSAGES, 1);
                }
            } else {
                add(Measure.PROVE_COMMIT_SECTORS, 1);
                add(Measure.PROVE_COMMIT_RBP, m.sectorSize());
                add(Measure.PROVE_COMMIT_QAP, qap);
            }
        }
        activate(p, i);
    }

    private void fault(SectorMove m) {
        Page p = page(m.sector());
        int i = slot(m.sector());
        if ((p.flags[i] & LIVE) == 0 || (p.flags[i] & FAULTY) != 0) {
            return;
        }
        deactivate(p, i);
        p.flags[i] |= FAULTY;
        add(Measure.FAULTED_RBP, m.sectorSize());
        add(Measure.FAULTED_QAP, p.qap.get(i));
        addLevel(Level.FAULTY_RBP, m.sectorSize());
        addLevel(Level.FAULTY_QAP, p.qap.get(i));
    }

    private void recover(SectorMove m) {
        Page p = page(m.sector());
        int i = slot(m.sector());
        if ((p.flags[i] & LIVE) == 0 || (p.flags[i] & FAULTY) == 0) {
            return;
        }
        p.flags[i] &= ~FAULTY;
        addLevel(Level.FAULTY_RBP, -m.sectorSize());
        addLevel(Level.FAULTY_QAP, -p.qap.get(i));
        add(Measure.RECOVERED_RBP, m.sectorSize());
        add(Measure.RECOVERED_QAP, p.qap.get(i));
        activate(p, i);
    }

    /** The sector leaves the chain (terminated or expired). */
    private void leave(SectorMove m, Measure rbp, Measure qap) {
        Page p = page(m.sector());
        int i = slot(m.sector());
        if ((p.flags[i] & LIVE) == 0) {
            return;
        }
        if ((p.flags[i] & FAULTY) != 0) {
            addLevel(Level.FAULTY_RBP, -m.sectorSize());
            addLevel(Level.FAULTY_QAP, -p.qap.get(i));
        } else {
            deactivate(p, i);
        }
        p.flags[i] &= ~(LIVE | FAULTY);
        add(rbp, m.sectorSize());
        add(qap, p.qap.get(i));
    }

    private void snap(SectorMove m) {
        Page p = page(m.sector());
        int i = slot(m.sector());
        if ((p.flags[i] & LIVE) == 0) {
            return;
        }
        long qap = m.qualityAdjustedPower();
        setQap(p, i, qap);
        add(Measure.SNAPPED_RBP, m.sectorSize());
        add(Measure.SNAPPED_QAP, qap);
    }

    /** A longer life: the lifetime (and, with the same deal weights, the QAP) changes. */
    private void extend(SectorMove m) {
        Page p = page(m.sector());
        int i = slot(m.sector());
        if ((p.flags[i] & LIVE) == 0) {
            return;
        }
        boolean active = (p.flags[i] & FAULTY) == 0;
        if (active) {
            deactivate(p, i);
        }
        p.lifetimeSeconds.set(i, lifetimeSeconds(m.expiration(), p.activation.get(i)));
        if (active) {
            activate(p, i);
        }
        long qap = m.qualityAdjustedPower();
        setQap(p, i, qap);
        add(Measure.EXTENDED_RBP, m.sectorSize());
        add(Measure.EXTENDED_QAP, qap);
    }

    private void setQap(Page p, int i, long qap) {
        if ((p.flags[i] & FAULTY) != 0) {
            addLevel(Level.FAULTY_QAP, qap - p.qap.get(i));
        }
        p.qap.set(i, qap);
    }

    private void activate(Page p, int i) {
        long l = p.lifetimeSeconds.get(i);
        addLevel(Level.ACTIVE_SECTORS, 1);
        addLevel(Level.ACTIVE_LIFETIME_SECONDS, l);
        lifetimeSquares = lifetimeSquares.add(BigInteger.valueOf(l).multiply(BigInteger.valueOf(l)));
    }

    private void deactivate(Page p, int i) {
        long l = p.lifetimeSeconds.get(i);
        addLevel(Level.ACTIVE_SECTORS, -1);
        addLevel(Level.ACTIVE_LIFETIME_SECONDS, -l);
        lifetimeSquares = lifetimeSquares.subtract(BigInteger.valueOf(l).multiply(BigInteger.valueOf(l)));
    }

    private long lifetimeSeconds(long expiration, long activation) {
        return Math.multiplyExact(Math.max(0, expiration - activation), blockDelaySeconds);
    }
}
