package io.minersim.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.stats.StatsLauncher;
import io.minersim.app.testing.MinerSimulator;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.sealing.SectorSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (headless Chromium) against a running simulator, as a person uses it: the URL
 * {@code run} prints, the pipeline moving as the clock does, a sector's card, the controls with the admin token and
 * refused with the read token, and bad input answered with the API's own error and no change.
 *
 * <p>Skipped (an assumption) only where Chromium or its driver is missing; {@code .ci/run} installs both. The
 * screenshot goes to {@code app/target/web-page.png}; {@code -Dweb.screenshot.update=true} also writes it to
 * {@code docs/web-page.png}, the README's picture.
 */
class WebPageBrowserTest {
    private static final String STATS_KEY = "mss_webpagebrowsertest";
    private static ChromeDriver browser;

    @RegisterExtension
    final MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB));

    @TempDir
    Path repo;
    private StatsLauncher.Started stats;
    private String pageUrl;

    @BeforeAll
    static void startBrowser(@TempDir Path profile) {
        Assumptions.assumeTrue(Browser.available(), "no " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
                + ": apt-get install chromium chromium-driver");
        browser = Browser.start(profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void startPage() throws Exception {
        stats = StatsLauncher.start(List.of(sim.get().node()), repo, List.of(STATS_KEY), "127.0.0.1:0", 0);
        String banner = stats.banner();
        pageUrl = banner.substring(banner.indexOf("web page at ") + "web page at ".length()).strip();
        assertThat(pageUrl).startsWith(stats.server().uri() + "/#key=").contains("&token=");
    }

    @AfterEach
    void stopPage() {
        if (stats != null) {
            stats.server().close();
        }
    }

    @Test
    void pledgeAdvanceSeeTheCountsMoveAndOpenASectorCard() throws IOException {
        MinerSimulator s = sim.get();
        open(pageUrl);
        waitFor(() -> "0".equals(total()));
        admin(s.adminToken());
        for (int i = 0; i < 4; i++) {
            click("pledge");
            int want = i + 1;
            waitFor(() -> String.valueOf(want).equals(total()));
        }
        assertThat(stateCounts()).isEqualTo(apiCounts());
        Map<String, Long> before = stateCounts();

        advance("30");
        waitFor(() -> "30".equals(browser.findElement(By.id("head")).getText()));
        waitFor(() -> stateCounts().equals(apiCounts()));
        assertThat(stateCounts()).isNotEqualTo(before);
        assertThat(s.head()).isEqualTo(30);

        // a state's sectors, then one sector's card: the API's SectorsStatus, readable
        String state = stateCounts().keySet().iterator().next();
        browser.findElement(By.cssSelector("button.state[data-state='" + state + "']")).click();
        WebElement first = wait(By.cssSelector("#state-list button.sector"));
        long number = Long.parseLong(first.getAttribute("data-sector"));
        assertThat(browser.findElement(By.id("state-title")).getText()).startsWith(state + ": ");
        first.click();
        WebElement card = wait(By.cssSelector("#sector-card h2[data-sector='" + number + "']"));
        assertThat(card.getText()).contains("Sector " + number).contains(s.miner().status(number, false).state()
                .name());
        assertThat(browser.findElements(By.cssSelector("#card-log tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#card-pieces tbody tr"))).isNotEmpty();

        // three simulated days (devnet: 4 s epochs), so the charts have days to draw
        advance("70000");
        waitFor(() -> "70,030".equals(browser.findElement(By.id("head")).getText()));
        waitFor(() -> browser.findElements(By.cssSelector("#charts .uplot")).size() == 3);
        waitFor(() -> stateCounts().equals(apiCounts()));
        assertThat(browser.findElements(By.cssSelector("#events-table tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#batch-list .batch"))).hasSize(3);
        assertThat(browser.findElement(By.id("error")).isDisplayed())
                .as(browser.findElement(By.id("error")).getText()).isFalse();
        browser.findElement(By.id("card-close")).click();
        browser.findElement(By.cssSelector("button.state[data-state='Proving']")).click();
        waitFor(() -> browser.findElement(By.id("state-title")).getText().startsWith("Proving: "));
        screenshot();
    }

    @Test
    void controlsAreRefusedWithTheReadTokenAndAcceptedWithTheAdminToken() {
        MinerSimulator s = sim.get();
        open(pageUrl);
        waitFor(() -> "0".equals(total()));

        click("pledge");
        assertThat(error()).contains("Filecoin.PledgeSector").contains("missing permission")
                .contains("need 'write'");
        advance("5");
        assertThat(error()).contains("Sim.Advance").contains("need 'admin'");
        assertThat(s.miner().sectorCount()).isZero();
        assertThat(s.head()).isZero();

        admin(s.adminToken());
        click("pledge");
        waitFor(() -> "1".equals(total()));
        assertThat(browser.findElement(By.id("error")).isDisplayed())
                .as(browser.findElement(By.id("error")).getText()).isFalse();
        assertThat(s.miner().sectorCount()).isEqualTo(1);
    }

    @Test
    void badInputShowsTheApiErrorAndChangesNothing() {
        MinerSimulator s = sim.get();
        open(pageUrl);
        waitFor(() -> "0".equals(total()));
        admin(s.adminToken());

        advance("ten");
        assertThat(error()).contains("Sim.Advance").contains("cannot unmarshal string").contains("-32700");
        assertThat(s.head()).isZero();

        browser.findElement(By.id("inject-state")).sendKeys("PreCommit9");
        click("inject");
        assertThat(error()).contains("Sim.InjectFailure").contains("PreCommit9").contains("code 1");
        assertThat(s.miner().failureRules()).isEmpty();

        browser.findElement(By.id("fault-sectors")).sendKeys("7");
        click("declare");
        assertThat(error()).contains("Sim.DeclareFaults").contains("code 1");

        admin("eyJhbGciOiJIUzI1NiJ9.eyJBbGxvdyI6WyJhZG1pbiJdfQ.bm90IGEgc2lnbmF0dXJl");
        click("pledge");
        assertThat(error()).contains("refused the token").contains("401");
        assertThat(s.miner().sectorCount()).isZero();
        assertThat(s.head()).isZero();
    }

    @Test
    void aPageWithAnInvalidReadTokenSaysSo() {
        open(pageUrl.replaceAll("&token=[^&]*", "&token=not-a-token"));
        assertThat(error()).contains("Filecoin.SectorsSummary").contains("refused the token");
    }

    @Test
    void aFleetsPageShowsItsMinersAndPicksOne(@TempDir Path fleetRepo) throws Exception {
        io.minersim.app.fleet.Fleet.Settings settings = new io.minersim.app.fleet.Fleet.Settings(2,
                io.minersim.sealing.Profile.DEVNET, io.minersim.sealing.MinerConfig.of(io.minersim.sealing.Profile.DEVNET),
                List.of(SectorSize.SIZE_2KiB), true, null, "127.0.0.1", 0, null, null, null);
        try (io.minersim.app.fleet.Fleet fleet = io.minersim.app.fleet.Fleet.start(settings)) {
            StatsLauncher.Started fleetStats = StatsLauncher.start(fleet.nodes(), fleetRepo, List.of(STATS_KEY),
                    "127.0.0.1:0", 0);
            try {
                String banner = fleetStats.banner();
                open(banner.substring(banner.indexOf("web page at ") + "web page at ".length()).strip());
                waitFor(() -> browser.findElements(By.cssSelector("#fleet-table tbody tr")).size() == 2);
                waitFor(() -> "0".equals(total()));
                browser.findElement(By.cssSelector("#fleet-table button[data-miner='f01001']")).click();
                admin(fleet.nodes().get(1).adminToken());
                click("pledge");
                waitFor(() -> "1".equals(total()));
                assertThat(browser.findElement(By.id("miner")).getAttribute("value")).isEqualTo("f01001");
                assertThat(fleet.nodes().get(1).miner().sectorCount()).isEqualTo(1);
                assertThat(fleet.nodes().get(0).miner().sectorCount()).isZero();
                waitFor(() -> browser.findElement(By.cssSelector("#fleet-table tbody tr:nth-child(2) td:nth-child(3)"))
                        .getText().equals("1"));
            } finally {
                fleetStats.server().close();
            }
        }
    }

    // --- the page, as a person works it ---

    private static void open(String url) {
        browser.get("about:blank");
        browser.get(url);
        waitFor(() -> "live".equals(browser.findElement(By.id("conn")).getText()));
    }

    private static void admin(String token) {
        WebElement field = browser.findElement(By.id("admin-token"));
        field.clear();
        field.sendKeys(token);
    }

    private static void advance(String epochs) {
        WebElement field = browser.findElement(By.id("advance-epochs"));
        field.clear();
        field.sendKeys(epochs);
        click("advance");
    }

    private static void click(String id) {
        browser.findElement(By.id("result")).getText(); // settles the last control
        browser.executeScript("document.getElementById('error').hidden = true;"
                + "document.getElementById('error').textContent = '';");
        browser.findElement(By.id(id)).click();
        waitFor(() -> !browser.findElement(By.id("result")).getText().endsWith("…"));
    }

    private static String error() {
        WebElement box = browser.findElement(By.id("error"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOf(box));
        return box.getText();
    }

    private static String total() {
        List<WebElement> t = browser.findElements(By.cssSelector("#total[data-total]"));
        return t.isEmpty() ? null : t.get(0).getAttribute("data-total");
    }

    /** The counts the page shows per state, read in one script (the page redraws them as the chain moves). */
    private static Map<String, Long> stateCounts() {
        Object read = browser.executeScript("const m = {}; for (const b of document.querySelectorAll('button.state'))"
                + " m[b.dataset.state] = Number(b.dataset.count); return m;");
        Map<String, Long> counts = new java.util.TreeMap<>();
        ((Map<?, ?>) read).forEach((k, v) -> counts.put((String) k, ((Number) v).longValue()));
        return counts;
    }

    /** The counts the API answers. */
    private Map<String, Long> apiCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        sim.get().miner().summary().forEach((state, n) -> counts.put(state.name(), n));
        return counts;
    }

    private static WebElement wait(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(by));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "the page says: "
                + browser.findElement(By.id("error")).getText() + " / " + browser.findElement(By.id("result")).getText())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // a re-rendered element: ask again
                .until(d -> condition.getAsBoolean());
    }

    private static void screenshot() throws IOException {
        browser.executeScript("window.scrollTo(0, 0)");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "web-page.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("web.screenshot.update")) {
            Path docs = Path.of("..", "docs", "web-page.png");
            Files.createDirectories(docs.getParent());
            Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
