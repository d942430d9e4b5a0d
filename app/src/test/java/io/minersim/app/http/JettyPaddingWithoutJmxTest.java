package io.minersim.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Guards {@link Listeners#withoutJmxProbe()}: the padding it gives Jetty, without starting JMX, is the one Jetty
 * would have worked out through JMX from this JVM's {@code UseCompressedOops}.
 */
class JettyPaddingWithoutJmxTest {

    @Test
    void referencesPerCacheLineIsWhatJettyAsksJmxFor() {
        boolean compressed = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
        int line = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
        assertThat(Listeners.referencesPerCacheLine()).isEqualTo(line / (compressed ? 4 : 8));
    }

    @Test
    void onceAServerIsMadeJettyHasThePropertyAndSoNeverAsksJmx() {
        Listeners.withoutJmxProbe();
        assertThat(System.getProperty(Listeners.REFERENCES_PER_CACHE_LINE))
                .isEqualTo(Integer.toString(Listeners.referencesPerCacheLine()));
    }
}
