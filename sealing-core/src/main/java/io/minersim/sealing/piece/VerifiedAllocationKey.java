package io.minersim.sealing.piece;

/** A verified-registry allocation a DDO piece claims: the client's actor id and the allocation id. */
public record VerifiedAllocationKey(long client, long id) {
}
