/**
 * Running minersim inside a Java test suite: {@link io.minersim.app.testing.MinerSimulator} starts a
 * simulated miner in-process on a free port with a manual clock and hands out its URL, tokens, a typed
 * client and the clock; {@link io.minersim.app.testing.MinerSimulatorExtension} gives each JUnit 5 test
 * a fresh one, optionally loaded from a scenario.
 */
package io.minersim.app.testing;
