package io.minersim.app.rpc;

/**
 * Serves one method with its result already encoded: the bytes the dispatcher's mapper would write for the
 * value the method returns, spliced as they are into go-jsonrpc's response. For a hot method whose
 * implementation can cache its answer or write it faster than Jackson; the method's Java form stays what
 * typed callers use. Registered with {@link RpcDispatcher.Builder#encodedCall}; the dispatcher has run every
 * check (count, decoding, permission) before calling it, and maps what it throws as it maps the method's
 * exceptions.
 */
@FunctionalInterface
public interface EncodedCall {
    /**
     * @param args the decoded parameters, as the method would get them (primitives boxed)
     * @return the result's JSON, exactly as the mapper would write the method's return value ({@code null}
     *     for a null result)
     */
    byte[] call(Object[] args) throws Exception;
}
