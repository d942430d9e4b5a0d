/**
 * The sealing engine of one simulated Lotus miner, laid out as Lotus lays out
 * {@code storage/pipeline}: one file per concern.
 *
 * <p><b>Design.</b> All state of a miner sits in its {@link io.minersim.sealing.Pipeline} behind the
 * one read-write lock of its {@link io.minersim.sealing.Miner} facade: every mutation (an API call,
 * or the clock moving the head) takes the write lock and runs to completion, so there is one writer
 * per miner and every read sees a consistent miner. Sector work is simulated by timers in an
 * {@code EpochScheduler}. Each of the 63 states has one {@code StateHandler} in one table
 * ({@code StateHandlers}): entering a state runs its entry half, which names the next
 * {@code Step} as a value (a timer, a wait on a batcher, message or call, or an event to send now);
 * when the timer fires, the handler's other half names the event the state's work ends with. The
 * {@code Planner} runs each event through the transition table ({@code fsm.SectorTransitions}),
 * logs it, applies it to the sector record ({@code EventEffects}), records it in the history and the
 * statistics and enters the next state. Timers fire in (epoch, order set) order and every value a
 * real miner would compute with proofs is derived from the seed, so a manual clock and a seed make a
 * run repeatable byte for byte; the golden trace test in {@code app} pins that.
 *
 * <p><b>Workers.</b> A state that runs Lotus tasks (AddPiece, PreCommit1, Committing, ...) does not set its timer
 * itself: it asks {@code Pipeline.task}, which without a worker fleet is exactly a stage timer (the default local
 * worker takes every task at once, and its jobs are read off the sectors' states, so nothing is kept per sector),
 * and with a fleet asks the {@code Scheduler}: the task starts on a worker where it fits, or waits in the queue
 * with the sector in its state. The sector's timer firing ends its task ({@code Planner.workDone} asks the
 * scheduler first), and leaving the state drops its task or request ({@code Planner.deliver}).
 *
 * <p><b>Deal pieces.</b> {@code Miner.addPieceToAny} answers when {@code PieceInput} places the piece (the future
 * completes after the write, from {@code Pipeline.placedPieces}), not when the sector's AddPiece step ends: what Lotus
 * answers at the end of that work is already known at placement, so the answer is the same and no call waits for the
 * clock. That holds for a piece whose data does not commit to its deal's piece CID too: the piece carries the data's
 * CID ({@code Piece.pieceCid}, apart from the deal's), is assigned, and its future fails at placement with Lotus's
 * {@code got unexpected piece CID: expected:..., got:...}; the check itself runs where Lotus runs it, when the AddPiece
 * (or SnapDealsAddPiece) step ends ({@code PieceInput.addPieceDone}): the pieces before it are written, then a round
 * that starts with it fails ({@code SectorAddPieceFailed} drops it and its alignment zeros) and the failed state goes
 * back to waiting for deals at once. A sector holding such a piece takes no other until then. The journal
 * ({@code MinerCall.AddPiece}'s data CID) and the snapshot (the assigned piece's CID) carry the mismatch.
 *
 * <p><b>Memory.</b> A miner may hold millions of sectors, so what it keeps per sector is packed: a {@code Sector}
 * holds only what most sectors set (the fields deals, a failure, fault, snap upgrade or end set sit in a side record made
 * with the first of them), its {@code SectorLog} is varint bytes held in the sector's own object (a {@code Sector} is
 * a {@code SectorLog} by extension, for the layout only), the {@code SectorHistory} is columns of chunks
 * (epochs as runs, sector numbers in the narrowest width, moves through a dictionary), a message's sectors are varint
 * deltas and the statistics' per-sector columns are packed by page. Readers see the same values as before through
 * the same methods; snapshots are written and read as before.
 *
 * <p><b>Journal.</b> Every outermost write is also a value, a {@link io.minersim.sealing.MinerCall}, told under
 * the write lock to the miner's {@link io.minersim.sealing.CallRecorder} whether it succeeded or not;
 * {@link io.minersim.sealing.Miner#replay} runs one again. The engine being deterministic, a miner restored from a
 * {@code snapshot()} and given the calls recorded since, in order, is the recorded miner read for read
 * ({@code CallReplayTest}); {@link io.minersim.sealing.MinerRecords} writes calls and configurations as plain values.
 * Whoever drives the miner with several calls that belong together (the clock, with what reacts to it) runs them in
 * one {@link io.minersim.sealing.Miner#exclusive} section, whose calls are not told one by one: it records and
 * replays the section itself. The app keeps these records on disk.
 *
 * <p><b>Where Lotus's files went.</b>
 * <table>
 * <caption>Lotus {@code storage/pipeline} file → minersim class</caption>
 * <tr><th>Lotus</th><th>minersim</th><th>what</th></tr>
 * <tr><td>{@code sealing.go}</td><td>{@code Miner}, {@code Pipeline}</td>
 *     <td>the public methods and lock; the state and the run loop</td></tr>
 * <tr><td>{@code fsm.go}</td><td>{@code Planner}, {@code StateHandlers}, {@code Step},
 *     {@code fsm.SectorTransitions}</td><td>the planner, the handler table, the next step, the one
 *     transition table</td></tr>
 * <tr><td>{@code fsm_events.go}</td><td>{@code EventEffects}, {@code fsm.SectorEvent}</td>
 *     <td>the events and what each writes into the sector</td></tr>
 * <tr><td>{@code states_sealing.go}</td><td>{@code SealingStates}</td>
 *     <td>waiting for deals to the commit aggregate</td></tr>
 * <tr><td>{@code states_failed.go}</td><td>{@code FailedStates}, {@code FailureRule}</td>
 *     <td>failed states, cooldowns and retries; injected failures</td></tr>
 * <tr><td>{@code states_replica_update.go}, {@code upgrade_queue.go}</td>
 *     <td>{@code ReplicaUpdateStates}</td><td>snap deals and {@code SectorMarkForUpgrade}</td></tr>
 * <tr><td>{@code states_proving.go}</td><td>{@code ProvingStates}</td>
 *     <td>proving, faults, termination, removal</td></tr>
 * <tr><td>{@code precommit_batch.go}, {@code commit_batch.go}, {@code terminate_batch.go}</td>
 *     <td>{@code Batching}, {@code SectorBatcher}</td><td>queues, deadlines, flushes, sending</td></tr>
 * <tr><td>(the chain's message lookups)</td><td>{@code MessageLanding}, {@code ChainMessages}</td>
 *     <td>messages landing after the confidence</td></tr>
 * <tr><td>{@code input.go}</td><td>{@code PieceInput}, {@code CheckedPiece}</td>
 *     <td>add-piece checks, pending pieces, matching to sectors, fillers, CommD</td></tr>
 * <tr><td>{@code garbage.go}</td><td>{@code Pledging}</td><td>committed-capacity sectors</td></tr>
 * <tr><td>{@code receive.go}</td><td>{@code Receiving}</td><td>{@code SectorReceive}</td></tr>
 * <tr><td>{@code numassign.go}</td><td>{@code numbers.SectorNumberAssigner}</td>
 *     <td>sector numbers and reservations</td></tr>
 * <tr><td>{@code sector_state.go}, {@code types.go}</td><td>{@code fsm.SectorState}, {@code Sector},
 *     {@code SectorLog}</td><td>the states and the sector record</td></tr>
 * <tr><td>{@code stats.go}</td><td>{@code fsm.StatsBucket}, {@code stats.MinerStatistics}</td>
 *     <td>sealing counts; Spacescope-shaped daily statistics</td></tr>
 * <tr><td>(the miner actor, market and power actors)</td><td>{@code ChainSide}</td>
 *     <td>activation, expirations, faults, extensions, deal expiry, weights and power</td></tr>
 * <tr><td>{@code api.SectorInfo} ({@code SectorsStatus})</td><td>{@code SectorInfoView},
 *     {@code SectorLogRenderer}, {@code SectorInfo}</td><td>the status view and its log</td></tr>
 * <tr><td>{@code storage/paths}, {@code storage/sealer/storiface}</td><td>{@code storage.StorageIndex},
 *     {@code SectorFilesView}, {@code MinerStorage}</td><td>storage paths and the sector index; where a sector's
 *     files are, derived from its state</td></tr>
 * <tr><td>{@code storage/sealer/sched*.go}, {@code storiface/resources.go}, {@code sealtasks}</td>
 *     <td>{@code Scheduler}, {@code workers.*}</td><td>workers, task types, resource table, the queue</td></tr>
 * <tr><td>(minersim only)</td><td>{@code SectorSeeder}, {@code SeedingHost}</td>
 *     <td>sectors materialised with their past, from scenarios</td></tr>
 * <tr><td>(minersim only)</td><td>{@code MinerSnapshot} and its codecs</td>
 *     <td>the whole miner as plain values, and back</td></tr>
 * </table>
 */
package io.minersim.sealing;
