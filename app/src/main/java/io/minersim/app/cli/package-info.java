/**
 * lotus-miner-style commands that talk to a running minersim over its JSON-RPC API: {@code sectors ...},
 * {@code auth ...} and {@code sim ...}. They find the miner as lotus-miner does ({@code --api-url} and
 * {@code --token}, then {@code MINER_API_INFO}, then the repo's {@code api} and {@code token} files), print
 * tables or, with {@code --json}, the raw JSON result, and report every error as one line on stderr with a
 * non-zero exit code.
 */
package io.minersim.app.cli;
