/**
 * The simulated Lotus full node beside a run: {@link io.minersim.app.fullnode.FullNode} serves Lotus's full-node
 * JSON-RPC API for every miner of a world on {@code /rpc/v1} ({@link io.minersim.app.fullnode.FullNodeApiImpl}) and
 * {@code /rpc/v0} (Lotus's v0 wrapper: {@link io.minersim.app.fullnode.FullNodeApiV0Impl} replaces the methods whose
 * v0 signature differs), over the same endpoint machinery as the miner ({@link io.minersim.app.node.NodeEndpoint}).
 *
 * <p>Design: the full node keeps no chain of its own. Tipsets and blocks are derived from the seed and the epoch
 * ({@link io.minersim.app.fullnode.SimulatedTipsets}); every {@code State*} answer reads the miners' engine through
 * {@link io.minersim.sealing.ChainState}: at the head the live {@link io.minersim.sealing.ChainView}, below it the
 * proving state the engine retains for a window of recent epochs, beyond which a call answers as a Lotus node whose
 * splitstore pruned that state. So the full node, the miner's API, the CLI and the statistics are views of one
 * world. Messages are the miners' own, pending until their inclusion epoch; StateWaitMsg waits on the head feed
 * that also drives {@code ChainNotify}, bounded in number and released when its caller goes away. The storage
 * market is the legacy deals in the miners' sectors ({@link io.minersim.app.fullnode.Market}); the node as a libp2p
 * host and syncer ({@link io.minersim.app.fullnode.NetAndSync}) is alone and always in sync, its peer ID from the
 * seed. Errors are {@link io.minersim.app.fullnode.ChainException}s carrying Lotus's text and code.
 */
package io.minersim.app.fullnode;
