/**
 * lotus-miner-style commands that talk to a running minersim over its JSON-RPC API: {@code sectors ...},
 * {@code auth ...}, {@code sim ...}, and {@code info} and {@code proving ...}, which also read the simulated full node
 * as lotus-miner reads its daemon ({@code FULLNODE_API_INFO}, else the run's {@code REPO/full/} files), never the
 * engine directly. They find the miner as lotus-miner does ({@code --api-url} and
 * {@code --token}, then {@code MINER_API_INFO}, then the repo's {@code api} and {@code token} files), print
 * tables or, with {@code --json}, the raw JSON result, and report every error as one line on stderr with a
 * non-zero exit code.
 */
package io.minersim.app.cli;
