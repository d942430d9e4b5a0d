/**
 * A go-jsonrpc-compatible JSON-RPC transport for annotated Java interfaces: the dispatcher (go-jsonrpc's checks,
 * errors and response bytes), Lotus's JWT auth, the HTTP and WebSocket endpoints on {@code /rpc/v0}, the
 * {@code io.Reader} push endpoint, and the Jetty server that wires them.
 */
package io.minersim.app.rpc;
