/**
 * The Lotus storage-miner JSON-RPC API as Java types: {@link io.minersim.rpc.MinerApi} (the {@code Filecoin.*}
 * methods minersim serves, with their Lotus names and permissions), {@link io.minersim.rpc.SimApi} (the simulator's
 * {@code Sim.*} methods), the go-jsonrpc error codes, the shared Jackson setup and a typed HTTP client.
 *
 * <p>This module holds no engine and no server: {@code app} implements the interfaces and maps the sealing core's
 * domain types onto the records of {@link io.minersim.rpc.types}.
 */
package io.minersim.rpc;
