package io.minersim.app.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an implementation method that answers an API method by writing its result's JSON straight into the
 * response, instead of returning a value for the mapper to encode: for a hot method whose answer can be cached or
 * written faster by hand. It carries the API method's name and parameters, then a {@link GoJsonWriter}, and returns
 * nothing: {@code void sectorsStatus(long, boolean, GoJsonWriter)} answers
 * {@code SectorInfo sectorsStatus(long, boolean)}. The API method stays what typed callers use.
 *
 * <p>The dispatcher finds these methods when it is built (one matching no API method of the implementation, or a
 * channel method, is refused then) and calls them without reflection. It has written go-jsonrpc's envelope up to
 * {@code "result":} into the writer and closes it after, so the answer is built in one buffer; every check (count,
 * decoding, permission) has run before. The bytes written must be exactly what the mapper writes for the value the
 * API method returns ({@code null} for a null result). What the method throws is mapped as the API method's
 * exceptions are, and whatever it wrote is then dropped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResultWriter {}
