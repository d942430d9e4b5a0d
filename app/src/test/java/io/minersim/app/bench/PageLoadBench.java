package io.minersim.app.bench;

import io.minersim.app.node.MinerNode;
import io.minersim.app.stats.StatsLauncher;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long the web page takes to show a big miner: seals N CC sectors (default 1,000,000, all Proving, 32 GiB,
 * devnet), optionally moves the clock past the genesis day so the charts have a day to draw, serves the page, and
 * opens it R times (default 5) in headless Chromium, each time in a new browser with an empty profile (nothing
 * cached). It prints, per run, the page's own {@code performance.now()} when the pipeline was first shown and when
 * the charts were, both counted from the start of navigation. Not a test: run it by hand.
 *
 * <pre>
 * ./mvnw -q -o -pl app -am test-compile
 * ./mvnw -q -o -pl app -am dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx6g -cp app/target/test-classes:app/target/classes:sealing-core/target/classes:rpc-api/target/classes:$(cat /tmp/cp.txt) \
 *     io.minersim.app.bench.PageLoadBench sectors=1000000 runs=5 days=1
 * </pre>
 */
public final class PageLoadBench {
    private PageLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int sectors = 1_000_000;
        int runs = 5;
        int days = 0;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "sectors" -> sectors = Integer.parseInt(kv[1]);
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "days" -> days = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Path repo = Files.createTempDirectory("minersim-pageload");
        try (MinerNode node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET)).manualClock(true)
                .listen("127.0.0.1", 0).start()) {
            long t0 = System.nanoTime();
            LoadBench.seal(node.miner(), node.manualClock(), sectors, 50_000);
            System.out.printf(Locale.ROOT, "sealed %,d CC sectors in %.1f s%n", sectors, (System.nanoTime() - t0) / 1e9);
            if (days > 0) {
                long t1 = System.nanoTime();
                long perDay = 86_400 / (node.miner().timestampOf(1) - node.miner().timestampOf(0));
                node.manualClock().advance(days * perDay);
                System.out.printf(Locale.ROOT, "advanced %d day(s) to epoch %d in %.1f s%n", days, node.miner().head(),
                        (System.nanoTime() - t1) / 1e9);
            }
            StatsLauncher.Started stats = StatsLauncher.start(List.of(node), repo, List.of("mss_pageloadbench"),
                    "127.0.0.1:0", 0);
            String banner = stats.banner();
            String url = banner.substring(banner.indexOf("web page at ") + 12).strip();
            List<Long> pipeline = new ArrayList<>();
            List<Long> charts = new ArrayList<>();
            try {
                for (int r = 0; r < runs; r++) {
                    long[] ms = open(url, String.valueOf(sectors));
                    pipeline.add(ms[0]);
                    charts.add(ms[1]);
                    System.out.printf(Locale.ROOT, "run %d: pipeline shown at %d ms, charts at %d ms%n", r + 1, ms[0],
                            ms[1]);
                }
            } finally {
                stats.server().close();
            }
            System.out.printf(Locale.ROOT, "%,d sectors, %d runs: pipeline shown median %d ms (best %d), charts "
                    + "median %d ms (best %d)%n", sectors, runs, median(pipeline), min(pipeline), median(charts),
                    min(charts));
        }
    }

    /** One cold load in a new browser: the page's first pipeline and its charts, in ms since navigation began. */
    private static long[] open(String url, String total) throws Exception {
        Path profile = Files.createTempDirectory("minersim-pageload-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1600", "--user-data-dir=" + profile);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), options);
        try {
            browser.get(url);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(20));
            wait.until(d -> total.equals(d.findElement(By.id("total")).getAttribute("data-total")));
            wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-charts-ms") != null);
            String loaded = browser.findElement(By.tagName("body")).getAttribute("data-loaded-ms");
            String charted = browser.findElement(By.tagName("body")).getAttribute("data-charts-ms");
            return new long[] {Long.parseLong(loaded), Long.parseLong(charted)};
        } finally {
            browser.quit();
        }
    }

    private static long median(List<Long> xs) {
        long[] a = xs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    private static long min(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).min().orElse(-1);
    }
}
