package io.minersim.sealing.piece;

import java.util.Arrays;
import java.util.Objects;

/** An actor to notify when a DDO piece activates, and the payload to send it. */
public record DataActivationNotification(String address, byte[] payload) {

    public DataActivationNotification {
        Objects.requireNonNull(address, "Address");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataActivationNotification n && address.equals(n.address)
                && Arrays.equals(payload, n.payload);
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DataActivationNotification[address=" + address + ", payload=" + payload.length + " bytes]";
    }
}
