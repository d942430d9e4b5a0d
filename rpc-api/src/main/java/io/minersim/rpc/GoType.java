package io.minersim.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Go type Lotus declares for a parameter (e.g. {@code abi.SectorNumber}), which its decode errors
 * name. {@code unsigned} marks a uint64 carried in a Java {@code long}: the wire takes 0 to 2⁶⁴−1 and
 * refuses negative numbers, as Go does.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE})
public @interface GoType {
    String value();

    boolean unsigned() default false;
}
