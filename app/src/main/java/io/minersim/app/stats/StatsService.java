package io.minersim.app.stats;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.stats.SectorStats;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The statistics API without its transport: checks {@code state_date} and {@code miner_id}, picks
 * the day (by default the last complete one) and returns one row per miner asked for.
 *
 * <p>The last complete day is the day before the one the least advanced miner's head is on: every
 * epoch of it has been processed by every miner. Days run from the genesis day (partial, from the
 * genesis time) to that day; a date outside them is refused with {@value StatsApiException#OUT_OF_RANGE}.
 */
public final class StatsService {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** One row: a miner's statistics for a day. */
    public record Row(String minerId, SectorStats stats) {
    }

    private final List<StatsMiner> miners;

    public StatsService(List<StatsMiner> miners) {
        if (miners.isEmpty()) {
            throw new InvalidInputException("miners", "the statistics API needs at least one miner");
        }
        List<StatsMiner> sorted = new ArrayList<>(miners);
        sorted.sort(Comparator.comparingLong(m -> MinerConfig.parseActor(m.minerId())));
        this.miners = List.copyOf(sorted);
    }

    public List<StatsMiner> miners() {
        return miners;
    }

    /** The first day there are statistics for (the genesis day). */
    public LocalDate firstDate() {
        return miners.get(0).statistics().genesisDate();
    }

    /** The last day every miner has completed, or null while the chain is on its genesis day. */
    public LocalDate lastCompleteDate() {
        LocalDate last = null;
        for (StatsMiner m : miners) {
            LocalDate d = m.statistics().lastCompleteDate(m.head().getAsLong());
            if (d == null) {
                return null;
            }
            last = last == null || d.isBefore(last) ? d : last;
        }
        return last;
    }

    /**
     * The rows for a request's parameters (either may be null): all miners, or the one named; the
     * day asked for, or the last complete one.
     */
    public List<Row> query(String stateDate, String minerId) {
        String wanted = minerId == null || minerId.isEmpty() ? null : normalizeMiner(minerId);
        LocalDate asked = stateDate == null || stateDate.isEmpty() ? null : parseDate(stateDate);
        LocalDate last = lastCompleteDate();
        LocalDate first = firstDate();
        if (last == null) {
            throw new StatsApiException(200, StatsApiException.OUT_OF_RANGE, "no complete day yet: the chain is on "
                    + "its genesis day " + first);
        }
        LocalDate date = asked == null ? last : asked;
        if (date.isBefore(first) || date.isAfter(last)) {
            throw new StatsApiException(200, StatsApiException.OUT_OF_RANGE, "state_date " + date
                    + " is out of range: statistics cover " + first + " to " + last);
        }
        List<Row> rows = new ArrayList<>();
        for (StatsMiner m : miners) {
            if (wanted == null || wanted.equals(m.minerId())) {
                rows.add(new Row(m.minerId(), m.statistics().day(date)));
            }
        }
        return rows;
    }

    private static LocalDate parseDate(String text) {
        if (!DATE.matcher(text).matches()) {
            throw StatsApiException.badParameter("state_date", "'" + text + "' is not a date (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw StatsApiException.badParameter("state_date", "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String normalizeMiner(String text) {
        try {
            return "f0" + MinerConfig.parseActor(text);
        } catch (InvalidInputException e) {
            throw StatsApiException.badParameter("miner_id", "'" + text + "' is not a miner ID address (f0…)");
        }
    }
}
