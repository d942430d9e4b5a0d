/**
 * The Lotus storage-miner JSON-RPC API as Java types: the {@code Filecoin.Sector*} methods, their
 * wire records (Lotus's JSON shapes), permissions and error codes.
 *
 * <p>This module holds no engine: {@code app} maps the sealing core's domain types onto these
 * records. The methods arrive with the JSON-RPC endpoint.
 */
package io.minersim.rpc;
