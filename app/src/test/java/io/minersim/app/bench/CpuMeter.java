package io.minersim.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU the rest of the machine used while a window ran: busy time from {@code /proc/stat} minus this
 * JVM's own time and its reaped children's ({@code wrk}, once waited for) from {@code /proc/self/stat}. In
 * cores (1.0 = one CPU busy throughout). Linux only; elsewhere it reports NaN.
 */
final class CpuMeter {
    private static final double HZ = 100.0; // USER_HZ on every Linux architecture this runs on

    private final long machine0;
    private final long self0;
    private final long t0;

    private CpuMeter() {
        this.machine0 = machineBusy();
        this.self0 = selfAndChildren();
        this.t0 = System.nanoTime();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** Cores used by other processes since {@link #start()}. */
    double otherCores() {
        long machine = machineBusy();
        long self = selfAndChildren();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (machine < 0 || self < 0 || machine0 < 0 || self0 < 0 || secs <= 0) {
            return Double.NaN;
        }
        return Math.max(0, (machine - machine0) - (self - self0)) / HZ / secs;
    }

    /**
     * Waits (sampling every 2 s, at most {@code maxSeconds}) until other processes use less than {@code cores};
     * returns the last sample.
     */
    static double awaitQuiet(double cores, int maxSeconds) throws InterruptedException {
        long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
        double other;
        boolean said = false;
        do {
            CpuMeter m = start();
            Thread.sleep(2_000);
            other = m.otherCores();
            if (Double.isNaN(other) || other < cores) {
                return other;
            }
            if (!said) {
                System.out.printf(java.util.Locale.ROOT,
                        "  waiting for the machine to quieten (other processes use %.2f cores)...%n", other);
                said = true;
            }
        } while (System.nanoTime() < end);
        return other;
    }

    private static long machineBusy() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long selfAndChildren() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields after the name start at 3 (state); utime=14, stime=15, cutime=16, cstime=17
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (Exception e) {
            return -1;
        }
    }
}
