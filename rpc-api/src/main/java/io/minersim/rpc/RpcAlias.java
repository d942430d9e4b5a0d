package io.minersim.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Further JSON-RPC names the annotated method answers to, besides its {@code @JsonRpcMethod} name, with the same
 * parameters and permission. Lotus serves {@code rpc.discover} as an alias of {@code Filecoin.Discover}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcAlias {
    /** The alias names, exactly as sent in a request's {@code method}. */
    String[] value();
}
