/**
 * A fleet: several simulated miners ({@code f01000}, {@code f01001}, …) in one process on one chain
 * clock, each with its own sector size and settings, Lotus endpoint (base port + i) and repo
 * directory ({@code REPO/<actor>/}), optionally driven by seeded random activity, and one
 * statistics API over all of them.
 */
package io.minersim.app.fleet;
