package io.minersim.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The page's files, all from the jar: the page, its script and style (this package's resources), and uPlot, the
 * charting library, from its webjar ({@code org.webjars.npm:uplot}). Nothing comes from a CDN; nothing is built.
 * Only these paths are served, each read once.
 */
final class WebAssets {
    /** One file: its bytes and content type. */
    record Asset(byte[] bytes, String type) {
    }

    private static final String OWN = "/io/minersim/app/web/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Map<String, Asset> assets;

    WebAssets() {
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        assets = Map.of(
                "/", load(OWN + "index.html", "text/html; charset=utf-8"),
                "/web/app.js", load(OWN + "app.js", "text/javascript; charset=utf-8"),
                "/web/charts.js", load(OWN + "charts.js", "text/javascript; charset=utf-8"),
                "/web/app.css", load(OWN + "app.css", "text/css; charset=utf-8"),
                "/web/uPlot.js", load(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                "/web/uPlot.css", load(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
    }

    /** The file at {@code path}, or null. */
    Asset get(String path) {
        return assets.get(path);
    }

    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = WebAssets.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("uPlot's webjar is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static Asset load(String resource, String type) {
        try (InputStream in = WebAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
