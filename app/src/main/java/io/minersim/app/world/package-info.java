/**
 * The simulated world of one run: the chain clock and the miners on it, each with what drives it
 * (a scenario's scheduled events, seeded random activity), buildable with or without endpoints.
 *
 * <p>Every change to the world is one of two things, each run under the miner's write lock and told, in
 * that order, to the world's {@link io.minersim.app.world.Durability}: a call on the miner (a
 * {@link io.minersim.sealing.MinerCall}), or the clock telling a miner's {@link io.minersim.app.world.MinerHost}
 * a new head, which the host passes on, under the same lock, to the miner, its scenario session and its
 * activity (an {@link io.minersim.sealing.Miner#exclusive} section). The engine, the scenario and the activity
 * are deterministic, so running the same sequence again on the world's snapshot gives the same world: the
 * {@code state} package keeps the sequence in a journal and replays it on start.
 */
package io.minersim.app.world;
