/**
 * Random but seeded activity for a simulated miner, so that a fleet left running produces
 * realistic days: onboarding (CC and deal sectors, verified or not), faults and recoveries, active
 * terminations, extensions and snap upgrades, at rates of an
 * {@link io.minersim.sealing.activity.ActivityProfile}, driven by the chain clock.
 */
package io.minersim.sealing.activity;
