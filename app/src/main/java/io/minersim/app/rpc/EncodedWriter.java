package io.minersim.app.rpc;

/**
 * Serves one method by writing its result's JSON straight into the response: the dispatcher has already written
 * go-jsonrpc's envelope up to {@code "result":} into the writer, and closes it after, so the answer is built in
 * one buffer, without copying the result into an envelope. The bytes written must be exactly what the
 * dispatcher's mapper writes for the value the method returns ({@code null} for a null result). Registered with
 * {@link RpcDispatcher.Builder#encodedWriter}; every check (count, decoding, permission) has run before, and
 * what it throws is mapped as the method's exceptions are (whatever it wrote is then dropped).
 */
@FunctionalInterface
public interface EncodedWriter {
    /**
     * @param args the decoded parameters, as the method would get them (primitives boxed)
     * @param out where to append the result's JSON
     */
    void write(Object[] args, GoJsonWriter out) throws Exception;
}
