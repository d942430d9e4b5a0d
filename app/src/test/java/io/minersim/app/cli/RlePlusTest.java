package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.types.BitFieldRuns;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** go-bitfield's RLE+ bytes, as Lotus's JSON shows them in message params (base64). */
class RlePlusTest {

    private static String b64(BitFieldRuns bf) {
        return Base64.getEncoder().encodeToString(RlePlus.encode(bf));
    }

    @Test
    void knownEncodings() {
        assertThat(b64(BitFieldRuns.of(0))).isEqualTo("DA=="); // 00 1 1: {0}
        assertThat(RlePlus.encode(BitFieldRuns.EMPTY)).isEmpty(); // 00 0, trailing zero byte dropped
        // {2,3,4}: 00, first 0, run 2 (01 0100), run 3 (01 1100) -> bits LSB first
        assertThat(RlePlus.encode(BitFieldRuns.of(2, 3, 4))).containsExactly((byte) 0x50, (byte) 0x1C);
        // a run of 20 set bits: 00, first 1, then 00 and the uvarint 20
        assertThat(RlePlus.encode(BitFieldRuns.range(0, 20))).containsExactly((byte) 0x84, (byte) 0x02);
    }

    @Test
    void runsAndCborSizeAsProvingDeadlineBitfieldPrintsThem() {
        RlePlus.Runs runs = RlePlus.runs(BitFieldRuns.of(0, 1, 5));
        assertThat(runs.count(false)).isEqualTo(1);
        assertThat(runs.count(true)).isEqualTo(2);
        assertThat(runs.bits(false)).isEqualTo(3);
        assertThat(runs.bits(true)).isEqualTo(3);
        assertThat(RlePlus.cborSize(BitFieldRuns.EMPTY)).isEqualTo(1);
        assertThat(RlePlus.cborSize(BitFieldRuns.of(0))).isEqualTo(2);
    }
}
