/**
 * Pieces and the deals behind them: legacy market proposals and direct data onboarding manifests,
 * as Lotus's {@code PieceDealInfo} carries them.
 */
package io.minersim.sealing.piece;
