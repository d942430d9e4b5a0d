package io.minersim.app.rpc;

/**
 * go-jsonrpc's {@code ParamDecoder}: decodes one positional parameter of a given Java type from its raw JSON,
 * instead of Jackson. A failure is reported as -32700
 * {@code decoding params for 'X' (param: i; custom decoder): <message of the exception>}.
 */
@FunctionalInterface
public interface ParamDecoder {
    /**
     * @param json the parameter's raw JSON, exactly as sent
     * @param context the caller; its thread may be interrupted when the call is cancelled
     */
    Object decode(byte[] json, CallContext context) throws Exception;
}
