/**
 * The live web page on the statistics port: its files from the jar, a same-origin pass-through to each miner's
 * JSON-RPC endpoint, and server-sent events telling the page when a miner's head or sectors moved.
 */
package io.minersim.app.web;
