/**
 * The world's state on disk, in the repo's {@code state/} directory, so that a run survives any stop: a snapshot
 * of the whole world ({@code snapshot-<seq>.json}) and a journal of every change since ({@code journal-<seq>.log}),
 * replayed on start and compacted into a new snapshot in the background.
 *
 * <p><b>Design.</b> The engine is deterministic: a world restored from a snapshot and given the same changes in
 * the same order is the same world, read for read. Every change is either a call on a miner
 * ({@link io.minersim.sealing.MinerCall}), recorded by the miner under its write lock, or the clock telling a miner
 * a new head, recorded by its {@link io.minersim.app.world.MinerHost} inside the same lock (the scenario's events
 * and the activity's draws at that head happen inside it and come back on replay), or a change of the clock's
 * settings. Records carry one sequence number across the world. A caller answers a client only once its change is
 * written: by default ({@code --sync os}) to the operating system, by the appender itself, which survives any end of
 * the process, {@code kill -9} included, while a writer thread fsyncs every 5 ms whatever was written; with
 * {@code --sync fsync} to the disk (group commit: the writer thread writes and fsyncs whatever has queued meanwhile,
 * and only that batch's callers are woken), which survives a power cut too.
 *
 * <p>A compaction cuts the journal (later records go to a new file), then takes each miner's state under its read
 * lock together with the sequence number of its last change; replay skips, per miner, what its state already
 * holds. See the README's "Durable state" for the files, formats and figures.
 */
package io.minersim.app.state;
