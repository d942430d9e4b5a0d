package io.minersim.sealing.activity;

import io.minersim.sealing.InvalidInputException;

/**
 * How busy a simulated miner is. Rates are per day of chain time: {@code onboardingPerDay} sectors;
 * the others are the chance per day that a given sector does it (a proving sector faults,
 * terminates, is extended or snap-upgraded; a faulty sector recovers).
 *
 * @param onboardingPerDay new sectors a day
 * @param dealShare the share of new sectors that get a deal rather than being pledged CC
 * @param verifiedShare the share of deals that are verified (10× QAP)
 * @param faultRate chance a day that a proving sector faults
 * @param recoveryRate chance a day that a faulty sector recovers
 * @param terminationRate chance a day that the miner terminates a proving sector
 * @param extensionRate chance a day that a proving sector's expiration is extended
 * @param snapRate chance a day that a proving CC sector is snap-upgraded with a deal
 */
public record ActivityProfile(
        double onboardingPerDay,
        double dealShare,
        double verifiedShare,
        double faultRate,
        double recoveryRate,
        double terminationRate,
        double extensionRate,
        double snapRate) {

    public ActivityProfile {
        nonNegative("onboardingPerDay", onboardingPerDay);
        share("dealShare", dealShare);
        share("verifiedShare", verifiedShare);
        share("faultRate", faultRate);
        share("recoveryRate", recoveryRate);
        share("terminationRate", terminationRate);
        share("extensionRate", extensionRate);
        share("snapRate", snapRate);
    }

    /**
     * A mid-size provider's days: 48 sectors a day, 60 % with deals of which 70 % verified, 0.5 % of
     * proving sectors faulting a day and 40 % of faulty ones recovering, 0.05 % terminated, 0.2 %
     * extended and 0.5 % of CC sectors snapped a day.
     */
    public static ActivityProfile realistic() {
        return new ActivityProfile(48, 0.6, 0.7, 0.005, 0.4, 0.0005, 0.002, 0.005);
    }

    /**
     * Parses {@code key=value} pairs separated by commas over {@link #realistic()}, e.g.
     * {@code onboarding=100,faults=0.01}; keys: onboarding, deals, verified, faults, recoveries,
     * terminations, extensions, snaps.
     */
    public static ActivityProfile parse(String text) {
        ActivityProfile p = realistic();
        if (text == null || text.isBlank() || text.equalsIgnoreCase("realistic")) {
            return p;
        }
        double[] v = {p.onboardingPerDay, p.dealShare, p.verifiedShare, p.faultRate, p.recoveryRate,
            p.terminationRate, p.extensionRate, p.snapRate};
        String[] keys = {"onboarding", "deals", "verified", "faults", "recoveries", "terminations", "extensions",
            "snaps"};
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            int i = java.util.Arrays.asList(keys).indexOf(kv[0].trim());
            if (kv.length != 2 || i < 0) {
                throw new InvalidInputException("activity", "not an activity setting: '" + pair.trim()
                        + "'; use key=value with keys " + String.join(", ", keys));
            }
            try {
                v[i] = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("activity", "activity setting " + kv[0].trim()
                        + " is not a number: '" + kv[1].trim() + "'");
            }
        }
        return new ActivityProfile(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new InvalidInputException(name, name + " must be a finite number >= 0, got " + v);
        }
    }

    private static void share(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new InvalidInputException(name, name + " must lie between 0 and 1, got " + v);
        }
    }
}
