package io.minersim.rpc;

/**
 * The JSON-RPC error codes go-jsonrpc (as wired by Lotus) puts in {@code error.code}, with the HTTP status it uses
 * for each over plain HTTP.
 */
public final class RpcErrorCodes {
    private RpcErrorCodes() {}

    /**
     * -32700: the body is not valid JSON ("Parse error"), {@code params} is not an array, the id has a bad type, or a
     * parameter does not decode into its Go type ("unmarshaling params for 'Filecoin.X' (param: ...): ..."). HTTP 500.
     */
    public static final int PARSE_ERROR = -32700;

    /** -32600: an empty body or an empty batch {@code []} ("Invalid request"). The only code answered with HTTP 400. */
    public static final int INVALID_REQUEST = -32600;

    /**
     * -32601: no such method ("method 'Filecoin.Foo' not found"), or a channel method called over plain HTTP
     * ("... not supported in this mode (no out channel support)"). HTTP 500.
     */
    public static final int METHOD_NOT_FOUND = -32601;

    /** -32602: wrong number of params ("wrong param count (method 'Filecoin.X'): got != expected"). HTTP 500. */
    public static final int INVALID_PARAMS = -32602;

    /** 0: the handler panicked ("fatal error calling 'Filecoin.X': panic in rpc method ..."). HTTP 500. */
    public static final int FATAL = 0;

    /**
     * 1: the handler returned an error; the message is the error's text. Permission denials are handler errors too
     * ("missing permission to invoke 'SectorRemove' (need 'admin')"). HTTP 200.
     */
    public static final int HANDLER_ERROR = 1;
}
