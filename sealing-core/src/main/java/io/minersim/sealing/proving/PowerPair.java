package io.minersim.sealing.proving;

import java.math.BigInteger;

/** Raw-byte and quality-adjusted power, in bytes. */
public record PowerPair(BigInteger raw, BigInteger qa) {
    public static final PowerPair ZERO = new PowerPair(BigInteger.ZERO, BigInteger.ZERO);

    public PowerPair add(PowerPair o) {
        return new PowerPair(raw.add(o.raw), qa.add(o.qa));
    }
}
