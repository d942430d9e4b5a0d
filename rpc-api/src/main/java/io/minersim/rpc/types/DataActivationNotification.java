package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * {@code miner.DataActivationNotification}: an actor to notify when a DDO piece is activated,
 * {@code {"Address":"f01234","Payload":"Bw=="}}.
 *
 * @param address the actor's address string
 * @param payload the notification payload, base64 on the wire; null if absent (a copy is kept and returned)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataActivationNotification(
        @JsonProperty("Address") String address, @JsonProperty("Payload") byte[] payload) {
    public DataActivationNotification {
        address = Checks.string(address);
        payload = Checks.copy(payload);
    }

    @Override
    public byte[] payload() {
        return Checks.copy(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataActivationNotification n
                && address.equals(n.address)
                && Arrays.equals(payload, n.payload);
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DataActivationNotification[address=" + address + ", payload=" + Arrays.toString(payload) + "]";
    }
}
