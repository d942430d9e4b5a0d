package io.minersim.sealing.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Fr32Test {

    private static boolean bit(byte[] bytes, int index) {
        return ((bytes[index / 8] >>> (index % 8)) & 1) != 0;
    }

    @Test
    void everyInputBitLandsInItsNodeSkippingTwoBitsPerNode() {
        for (int j = 0; j < 127 * 8; j++) {
            byte[] in = new byte[127];
            in[j / 8] = (byte) (1 << (j % 8));
            byte[] out = new byte[128];
            Fr32.padChunk(in, 0, out, 0);

            int expected = j + 2 * (j / 254);
            for (int k = 0; k < 128 * 8; k++) {
                assertThat(bit(out, k)).as("input bit %d, output bit %d", j, k).isEqualTo(k == expected);
            }
        }
    }

    @Test
    void allOnesGivesFullNodesWithTopTwoBitsClear() {
        byte[] in = new byte[127];
        Arrays.fill(in, (byte) 0xff);
        byte[] out = new byte[128];
        Fr32.padChunk(in, 0, out, 0);

        for (int node = 0; node < 4; node++) {
            for (int i = 0; i < 31; i++) {
                assertThat(out[node * 32 + i]).isEqualTo((byte) 0xff);
            }
            assertThat(out[node * 32 + 31]).isEqualTo((byte) 0x3f);
        }
    }

    @Test
    void padsAtOffsetsWithoutTouchingNeighbours() {
        byte[] in = new byte[3 + 127 + 3];
        Arrays.fill(in, (byte) 0xff);
        byte[] out = new byte[5 + 128 + 5];
        Arrays.fill(out, (byte) 0x11);
        Fr32.padChunk(in, 3, out, 5);

        assertThat(Arrays.copyOfRange(out, 0, 5)).containsOnly(0x11);
        assertThat(Arrays.copyOfRange(out, 133, 138)).containsOnly(0x11);
        assertThat(out[5]).isEqualTo((byte) 0xff);
        assertThat(out[5 + 127]).isEqualTo((byte) 0x3f);
    }
}
