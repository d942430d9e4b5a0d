/**
 * The minersim application: the picocli command tree and the wiring of the sealing core. Only
 * {@link io.minersim.app.Main} calls {@code System.exit}.
 */
package io.minersim.app;
