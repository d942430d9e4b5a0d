package io.minersim.app.rpc;

import java.util.Objects;

/** A JSON-RPC error object: its code and message ({@code meta} and {@code data} are never sent). */
public record RpcError(int code, String message) {
    /** go-jsonrpc's code for an error returned by a method (and for a missing permission). */
    public static final int HANDLER_ERROR = 1;
    /** go-jsonrpc's code for a panic in a method. */
    public static final int PANIC = 0;
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC 2.0's internal error: a failure of the server itself, outside any method (go-jsonrpc has none). */
    public static final int INTERNAL_ERROR = -32603;

    public RpcError {
        Objects.requireNonNull(message, "message");
    }

    /** The HTTP status go-jsonrpc gives a protocol error of this code (handler errors use 200). */
    public static int httpStatusOfProtocolError(int code) {
        return code == INVALID_REQUEST ? 400 : 500;
    }
}
