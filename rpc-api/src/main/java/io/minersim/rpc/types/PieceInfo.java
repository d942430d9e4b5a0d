package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code abi.PieceInfo}: {@code {"Size":2048,"PieceCID":{"/":"baga6ea4sea..."}}}.
 *
 * @param size the PADDED piece size (uint64; the engine checks it is a power of two)
 * @param pieceCid the piece commitment; null only if the sender gave an undefined CID
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PieceInfo(@JsonProperty("Size") long size, @JsonProperty("PieceCID") CidLink pieceCid) {
    public PieceInfo {
        Checks.uint64(size, "PieceInfo", "Size");
    }
}
