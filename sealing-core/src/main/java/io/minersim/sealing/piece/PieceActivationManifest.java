package io.minersim.sealing.piece;

import io.minersim.sealing.commitment.Cid;
import java.util.List;
import java.util.Objects;

/**
 * A direct data onboarding (DDO) piece: its commitment, padded size, the verified allocation it
 * fills (if any) and the actors to notify.
 */
public record PieceActivationManifest(
        Cid cid,
        long size,
        VerifiedAllocationKey verifiedAllocationKey,
        List<DataActivationNotification> notifications) {

    public PieceActivationManifest {
        Objects.requireNonNull(cid, "CID");
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }
}
