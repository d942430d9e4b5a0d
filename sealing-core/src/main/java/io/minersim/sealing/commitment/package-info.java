/**
 * Filecoin commitments and the CIDs that carry them.
 *
 * <p>{@link io.minersim.sealing.commitment.Cid} is a minimal CIDv1 value (binary layout and
 * base32 multibase strings) covering piece/unsealed commitments ({@code baga6ea4sea...}), sealed
 * commitments ({@code bagboea4b5abc...}) and dag-cbor blake2b-256 message CIDs
 * ({@code bafy2bza...}).
 *
 * <p>{@link io.minersim.sealing.commitment.PieceCommitments} computes real commitments over the
 * sha256-trunc254 binary tree: piece commitments (commP) of raw data after Fr32 padding, the
 * commitments of all-zero pieces, and a sector's CommD from its pieces with the same alignment
 * and zero filling that Lotus uses when it generates the unsealed CID.
 */
package io.minersim.sealing.commitment;
