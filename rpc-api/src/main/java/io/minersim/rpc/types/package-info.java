/**
 * The wire records of the Lotus miner API: Java records whose Jackson JSON is exactly Lotus's.
 *
 * <ul>
 *   <li>Names are Lotus's PascalCase field names, in Lotus's order.
 *   <li>CIDs are {@link io.minersim.rpc.types.CidLink} ({@code {"/":"bafy..."}}), {@code null} when absent.
 *   <li>{@code big.Int} values (token amounts, deal weights) are {@link java.math.BigInteger}s written as decimal
 *       strings ({@link io.minersim.rpc.types.DecimalString}).
 *   <li>Byte slices are {@code byte[]}, base64 on the wire, {@code null} for a Go nil slice.
 *   <li>Bitfields are {@link io.minersim.rpc.types.BitFieldRuns}, the RLE run array.
 *   <li>Go {@code uint64}s are {@code long}s checked to be non-negative; Go strings are never null (null reads as
 *       {@code ""}); slices Lotus always sends as {@code []} read null as empty, nil-able ones keep null.
 * </ul>
 *
 * <p>Constructors check the invariants and throw {@link java.lang.IllegalArgumentException}; Jackson reports that as
 * a mapping error with the same message. Unknown JSON fields are ignored, as Go's decoder ignores them.
 */
package io.minersim.rpc.types;
