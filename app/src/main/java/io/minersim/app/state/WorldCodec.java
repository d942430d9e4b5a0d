package io.minersim.app.state;

import com.fasterxml.jackson.databind.JavaType;
import io.minersim.app.scenario.ScenarioSession;
import io.minersim.app.scenario.ScheduledEvent;
import io.minersim.app.world.MinerHost;
import io.minersim.app.world.World;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.MinerRecords;
import io.minersim.sealing.Profile;
import io.minersim.sealing.activity.ActivityProfile;
import io.minersim.sealing.activity.MinerActivity;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The world as a snapshot's JSON document:
 * <pre>
 * {"Profile":"devnet", "Cut":R, "ClockSeq":n,
 *  "Clock":{"Genesis":unix,"BlockDelay":s,"Mode":"manual"|"real","BlockTime":ns,"Paused":bool},
 *  "Miners":[{"Config":{…}, "LastTold":epoch, "LastToldWall":unix ms, "LastSeq":n,
 *             "Scenario":{"Told":epoch,"Remaining":[events]}|null,
 *             "Activity":{"Profile":{…},"Random":n,"LastTick":n,"NextDealId":n}|null,
 *             "Snapshot":{the miner's Sim.Snapshot}}]}
 * </pre>
 * {@code Cut} is the first record of the journal that follows the snapshot; {@code LastSeq} and {@code ClockSeq}
 * the last record each part already holds (replay skips those).
 */
final class WorldCodec {
    private WorldCodec() {
    }

    /** A decoded world document, not yet built. */
    record Doc(Profile profile, World.ClockState clock, long clockSeq, long cut, List<MinerHost.State> miners) {
        /** The first sequence number not yet used by anything the document holds. */
        long nextSeq() {
            long next = Math.max(cut, clockSeq + 1);
            for (MinerHost.State m : miners) {
                next = Math.max(next, m.lastSeq() + 1);
            }
            return next;
        }
    }

    static Map<String, Object> encode(Profile profile, World.ClockSnapshot clock, List<MinerHost.State> miners,
            long cut) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Profile", profile.name().toLowerCase(Locale.ROOT));
        o.put("Cut", cut);
        o.put("ClockSeq", clock.lastSeq());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Genesis", clock.state().genesisTimestamp());
        c.put("BlockDelay", clock.state().blockDelaySeconds());
        c.put("Mode", clock.state().mode().name().toLowerCase(Locale.ROOT));
        c.put("BlockTime", clock.state().blockTime().toNanos());
        c.put("Paused", clock.state().paused());
        o.put("Clock", c);
        List<Object> ms = new ArrayList<>();
        for (MinerHost.State m : miners) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("Config", MinerRecords.config(m.config()));
            x.put("LastTold", m.lastTold());
            x.put("LastToldWall", m.lastToldWall());
            x.put("LastSeq", m.lastSeq());
            if (m.session() == null) {
                x.put("Scenario", null);
            } else {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("Told", m.session().told());
                s.put("Remaining", StateFiles.JSON.convertValue(m.session().remaining(), List.class));
                x.put("Scenario", s);
            }
            if (m.activity() == null) {
                x.put("Activity", null);
            } else {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("Profile", StateFiles.JSON.convertValue(m.activityProfile(), Map.class));
                a.put("Random", m.activity().random());
                a.put("LastTick", m.activity().lastTick());
                a.put("NextDealId", m.activity().nextDealId());
                x.put("Activity", a);
            }
            x.put("Snapshot", m.snapshot());
            ms.add(x);
        }
        o.put("Miners", ms);
        return o;
    }

    /** Reads a world document; a {@link StateException} names {@code file} and what is wrong. */
    static Doc decode(java.nio.file.Path file, Map<String, Object> o) {
        try {
            Profile profile = Profile.parse(str(o, "Profile"));
            Map<String, Object> c = obj(o.get("Clock"), "Clock");
            SimulatedChainClock.Mode mode = switch (str(c, "Mode")) {
                case "manual" -> SimulatedChainClock.Mode.MANUAL;
                case "real" -> SimulatedChainClock.Mode.REAL;
                default -> throw new IllegalArgumentException("Clock.Mode: " + c.get("Mode"));
            };
            World.ClockState clock = new World.ClockState(num(c, "Genesis"), num(c, "BlockDelay"), mode,
                    Duration.ofNanos(num(c, "BlockTime")), Boolean.TRUE.equals(c.get("Paused")));
            List<MinerHost.State> miners = new ArrayList<>();
            if (!(o.get("Miners") instanceof List<?> raw) || raw.isEmpty()) {
                throw new IllegalArgumentException("Miners: missing or empty");
            }
            JavaType events = StateFiles.JSON.getTypeFactory().constructCollectionType(List.class,
                    ScheduledEvent.class);
            for (int i = 0; i < raw.size(); i++) {
                Map<String, Object> x = obj(raw.get(i), "Miners[" + i + "]");
                ScenarioSession.State session = null;
                if (x.get("Scenario") != null) {
                    Map<String, Object> s = obj(x.get("Scenario"), "Miners[" + i + "].Scenario");
                    List<ScheduledEvent> remaining = StateFiles.JSON.convertValue(s.get("Remaining"), events);
                    session = new ScenarioSession.State(remaining, num(s, "Told"));
                }
                ActivityProfile activityProfile = null;
                MinerActivity.State activity = null;
                if (x.get("Activity") != null) {
                    Map<String, Object> a = obj(x.get("Activity"), "Miners[" + i + "].Activity");
                    activityProfile = StateFiles.JSON.convertValue(a.get("Profile"), ActivityProfile.class);
                    activity = new MinerActivity.State(num(a, "Random"), num(a, "LastTick"), num(a, "NextDealId"));
                }
                miners.add(new MinerHost.State(MinerRecords.config(obj(x.get("Config"), "Miners[" + i + "].Config")),
                        obj(x.get("Snapshot"), "Miners[" + i + "].Snapshot"), session, activityProfile, activity,
                        num(x, "LastTold"), num(x, "LastToldWall"), num(x, "LastSeq")));
            }
            return new Doc(profile, clock, num(o, "ClockSeq"), num(o, "Cut"), miners);
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new StateException("the state file " + file + " is damaged: " + StateFiles.oneLine(e.getMessage()),
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o, String path) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + ": missing or not an object");
        }
        return (Map<String, Object>) o;
    }

    private static String str(Map<String, Object> o, String key) {
        if (!(o.get(key) instanceof String s)) {
            throw new IllegalArgumentException(key + ": missing or not a string");
        }
        return s;
    }

    private static long num(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
            throw new IllegalArgumentException(key + ": missing or not an integer");
        }
        return n.longValue();
    }
}
