package io.minersim.app.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The tests' own channel-method marker: the dispatcher recognises it by its simple name. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ChannelMethod {
}
