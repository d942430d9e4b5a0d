package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code api.MsgLookup}, StateSearchMsg's and StateWaitMsg's result: where a message was executed and its receipt.
 *
 * @param message the message's CID
 * @param receipt its receipt
 * @param returnDec its decoded return value, or null
 * @param tipSet the key of the tipset it was executed in
 * @param height that tipset's height
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MsgLookup(
        @JsonProperty("Message") CidLink message,
        @JsonProperty("Receipt") Receipt receipt,
        @JsonProperty("ReturnDec") JsonNode returnDec,
        @JsonProperty("TipSet") List<CidLink> tipSet,
        @JsonProperty("Height") long height) {
    public MsgLookup {
        Checks.required(message, "MsgLookup", "Message");
        Checks.required(receipt, "MsgLookup", "Receipt");
        tipSet = Checks.listOrEmpty(tipSet, "MsgLookup", "TipSet");
        if (tipSet.isEmpty()) {
            throw new IllegalArgumentException("MsgLookup.TipSet must name a tipset");
        }
    }

    /**
     * {@code types.MessageReceipt}.
     *
     * @param exitCode the exit code, 0 on success
     * @param returnValue the CBOR return value (base64), or null
     * @param gasUsed the gas it used
     * @param eventsRoot the root of its events, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Receipt(
            @JsonProperty("ExitCode") long exitCode,
            @JsonProperty("Return") byte[] returnValue,
            @JsonProperty("GasUsed") long gasUsed,
            @JsonProperty("EventsRoot") CidLink eventsRoot) {
        public Receipt {
            returnValue = Checks.copy(returnValue);
        }

        @Override
        public byte[] returnValue() {
            return Checks.copy(returnValue);
        }
    }
}
