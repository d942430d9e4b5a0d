package io.minersim.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that returns a go-jsonrpc channel. It works only over WebSocket: the first response carries the
 * channel ID (a uint64, hence the Java {@code long} return type of a channel that never carries a value), then values
 * arrive as {@code xrpc.ch.val} notifications and closure as {@code xrpc.ch.close}. A channel that carries values is
 * declared as a {@link java.util.concurrent.Flow.Publisher} of them: the server sends what it publishes. Over plain HTTP go-jsonrpc answers -32601
 * "method 'Filecoin.X' not supported in this mode (no out channel support)".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChannelMethod {}
