package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code types.Message} as Lotus writes it (its {@code MarshalJSON} adds the message's {@code CID}). Built with
 * {@link #builder()}.
 *
 * @param version 0
 * @param to the receiver's address
 * @param from the sender's address
 * @param nonce the sender's nonce
 * @param value the attoFIL sent (a big.Int)
 * @param gasLimit the gas limit
 * @param gasFeeCap the fee cap (a big.Int)
 * @param gasPremium the premium (a big.Int)
 * @param method the actor method number
 * @param params the CBOR params (base64), or null
 * @param cid the message's CID
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChainMessageJson(
        @JsonProperty("Version") long version,
        @JsonProperty("To") String to,
        @JsonProperty("From") String from,
        @JsonProperty("Nonce") long nonce,
        @JsonProperty("Value") @DecimalString BigInteger value,
        @JsonProperty("GasLimit") long gasLimit,
        @JsonProperty("GasFeeCap") @DecimalString BigInteger gasFeeCap,
        @JsonProperty("GasPremium") @DecimalString BigInteger gasPremium,
        @JsonProperty("Method") long method,
        @JsonProperty("Params") byte[] params,
        @JsonProperty("CID") CidLink cid) {
    public ChainMessageJson {
        Checks.uint64(version, "ChainMessageJson", "Version");
        Checks.required(to, "ChainMessageJson", "To");
        Checks.required(from, "ChainMessageJson", "From");
        Checks.uint64(nonce, "ChainMessageJson", "Nonce");
        value = Checks.bigOrZero(value);
        gasFeeCap = Checks.bigOrZero(gasFeeCap);
        gasPremium = Checks.bigOrZero(gasPremium);
        Checks.uint64(method, "ChainMessageJson", "Method");
        params = Checks.copy(params);
        Checks.required(cid, "ChainMessageJson", "CID");
    }

    @Override
    public byte[] params() {
        return Checks.copy(params);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a version-0 message with no value and no params unless set. */
    public static final class Builder {
        private String to;
        private String from;
        private long nonce;
        private BigInteger value = BigInteger.ZERO;
        private long gasLimit;
        private BigInteger gasFeeCap;
        private BigInteger gasPremium;
        private long method;
        private byte[] params;
        private CidLink cid;

        public Builder to(String v) {
            this.to = v;
            return this;
        }

        public Builder from(String v) {
            this.from = v;
            return this;
        }

        public Builder nonce(long v) {
            this.nonce = v;
            return this;
        }

        public Builder value(BigInteger v) {
            this.value = v;
            return this;
        }

        public Builder gas(long limit, BigInteger feeCap, BigInteger premium) {
            this.gasLimit = limit;
            this.gasFeeCap = feeCap;
            this.gasPremium = premium;
            return this;
        }

        public Builder method(long v) {
            this.method = v;
            return this;
        }

        public Builder params(byte[] v) {
            this.params = v;
            return this;
        }

        public Builder cid(CidLink v) {
            this.cid = v;
            return this;
        }

        public ChainMessageJson build() {
            return new ChainMessageJson(0, to, from, nonce, value, gasLimit, gasFeeCap, gasPremium, method, params,
                    cid);
        }
    }
}
