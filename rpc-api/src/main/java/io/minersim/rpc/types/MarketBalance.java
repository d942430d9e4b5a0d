package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code api.MarketBalance}, StateMarketBalance's result: an address's escrow in the storage market actor and the
 * part of it deals lock.
 *
 * @param escrow attoFIL in escrow (a big.Int)
 * @param locked attoFIL of it locked (a big.Int), at most the escrow
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarketBalance(
        @JsonProperty("Escrow") @DecimalString BigInteger escrow,
        @JsonProperty("Locked") @DecimalString BigInteger locked) {
    public MarketBalance {
        escrow = Checks.bigOrZero(escrow);
        locked = Checks.bigOrZero(locked);
        if (locked.signum() < 0 || locked.compareTo(escrow) > 0) {
            throw new IllegalArgumentException("MarketBalance.Locked (" + locked + ") must be within 0..Escrow ("
                    + escrow + ")");
        }
    }
}
