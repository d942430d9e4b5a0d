/**
 * Scenario files: a simulated miner's start (profile, seed, clock, sealing knobs with Lotus's names,
 * sectors per state or one by one with their deals) and the events scheduled on it (faults, recoveries,
 * terminations, injected failures, pledges). {@link io.minersim.app.scenario.ScenarioLoader} reads JSON
 * or YAML, checks it against {@code scenario.schema.json} and then against the simulator's rules, and
 * refuses an invalid file with the JSON path of each bad field; {@link io.minersim.app.scenario.Scenario}
 * seeds a miner from it and runs its events as the chain reaches them.
 */
package io.minersim.app.scenario;
