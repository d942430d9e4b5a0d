package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code types.Actor}, StateGetActor's result: its code CID, state root, nonce, balance and, for an actor with an f4
 * address, that address (left out otherwise, as Lotus's {@code omitempty}).
 *
 * @param code the actor's code CID
 * @param head its state root
 * @param nonce its nonce (uint64)
 * @param balance its balance in attoFIL (a big.Int)
 * @param delegatedAddress its f4 address, or null (then absent)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActorState(
        @JsonProperty("Code") CidLink code,
        @JsonProperty("Head") CidLink head,
        @JsonProperty("Nonce") long nonce,
        @JsonProperty("Balance") @DecimalString BigInteger balance,
        @JsonProperty("DelegatedAddress") @JsonInclude(JsonInclude.Include.NON_NULL) String delegatedAddress) {
    public ActorState {
        Checks.required(code, "ActorState", "Code");
        Checks.required(head, "ActorState", "Head");
        Checks.uint64(nonce, "ActorState", "Nonce");
        balance = Checks.bigOrZero(balance);
    }
}
