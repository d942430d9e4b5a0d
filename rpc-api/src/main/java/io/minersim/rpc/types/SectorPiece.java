package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code api.SectorPiece}: one piece of a sector, {@code {"Piece":{...},"DealInfo":{...}|null}}.
 *
 * @param piece the piece's size and CID
 * @param dealInfo the deal the piece belongs to; {@code null} for filler (CC) pieces
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorPiece(@JsonProperty("Piece") PieceInfo piece, @JsonProperty("DealInfo") PieceDealInfo dealInfo) {
    public SectorPiece {
        Checks.required(piece, "SectorPiece", "Piece");
    }
}
