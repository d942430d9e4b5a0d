/**
 * Lotus's sector state machine: the 63 {@link io.minersim.sealing.fsm.SectorState states}, the
 * {@link io.minersim.sealing.fsm.SectorEvent events}, and the one table of moves between them
 * ({@link io.minersim.sealing.fsm.SectorTransitions}). Pure and stateless: the engine owns sectors.
 */
package io.minersim.sealing.fsm;
