package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code api.ActorState}, StateReadState's result: the actor's balance, code and its decoded state object.
 *
 * @param balance its balance in attoFIL (a big.Int)
 * @param code its code CID
 * @param state its state as the actor's state type writes it in JSON ({@link MinerActorState} for a miner; a map
 *     when a client reads it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActorReadState(
        @JsonProperty("Balance") @DecimalString BigInteger balance,
        @JsonProperty("Code") CidLink code,
        @JsonProperty("State") Object state) {
    public ActorReadState {
        balance = Checks.bigOrZero(balance);
        Checks.required(code, "ActorReadState", "Code");
        Checks.required(state, "ActorReadState", "State");
    }
}
