package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields a sector keeps aside read as the plain fields did: their defaults until set, then what was set. */
class SectorRareFieldsTest {

    @Test
    void unsetRareFieldsReadAsTheirDefaults() {
        Sector s = new Sector(7, 10, true);
        s.setInjectedError(null);
        s.setFaultEpoch(Sector.NONE);
        assertThat(s.ccPieces()).isNull();
        assertThat(s.terminateMessage()).isEqualTo(-1);
        assertThat(s.preCommit1Fails()).isZero();
        assertThat(s.preCommit2Fails()).isZero();
        assertThat(s.replicaUpdateFails()).isZero();
        assertThat(s.returnState()).isNull();
        assertThat(s.injectedError()).isNull();
        assertThat(s.faultEpoch()).isEqualTo(Sector.NONE);
        assertThat(s.terminatedEpoch()).isEqualTo(Sector.NONE);
        assertThat(s.expiredEpoch()).isEqualTo(Sector.NONE);
    }

    @Test
    void setRareFieldsReadBackAndCanBeUnsetAgain() {
        Sector s = new Sector(7, 10, true);
        s.activation = 20;
        assertThat(s.live()).isTrue();
        s.setPreCommit1Fails(2);
        s.setReturnState(SectorState.PreCommit1);
        s.setTerminatedEpoch(99);
        s.setCcPieces(List.of());
        assertThat(s.preCommit1Fails()).isEqualTo(2);
        assertThat(s.returnState()).isEqualTo(SectorState.PreCommit1);
        assertThat(s.terminatedEpoch()).isEqualTo(99);
        assertThat(s.ccPieces()).isEmpty();
        assertThat(s.live()).isFalse();
        assertThat(s.expiredEpoch()).isEqualTo(Sector.NONE);
        s.setTerminatedEpoch(Sector.NONE);
        s.setCcPieces(null);
        assertThat(s.live()).isTrue();
        assertThat(s.ccPieces()).isNull();
        assertThat(s.preCommit1Fails()).isEqualTo(2);
    }
}
