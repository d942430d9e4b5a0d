package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code types.SignedMessage} as Lotus writes it: the message, its signature, and the signed message's CID (for a
 * BLS signature, the message's own CID).
 *
 * @param message the message
 * @param signature its signature
 * @param cid the signed message's CID
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignedMessage(
        @JsonProperty("Message") ChainMessageJson message,
        @JsonProperty("Signature") Signature signature,
        @JsonProperty("CID") CidLink cid) {
    public SignedMessage {
        Checks.required(message, "SignedMessage", "Message");
        Checks.required(signature, "SignedMessage", "Signature");
        Checks.required(cid, "SignedMessage", "CID");
        if (signature.type() == Signature.BLS && !cid.equals(message.cid())) {
            throw new IllegalArgumentException("a BLS-signed message's CID is its message's: " + cid + " vs "
                    + message.cid());
        }
    }
}
