/**
 * The simulated chain: its clock ({@link io.minersim.sealing.chain.ChainClock}, manual or scaled to
 * wall time) and the policy constants sealing waits on ({@link io.minersim.sealing.chain.ChainPolicy}).
 */
package io.minersim.sealing.chain;
