package io.minersim.sealing.fsm;

import static io.minersim.sealing.fsm.SectorState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SectorTransitions#validate} and {@link SectorTransitions#successors}. */
class SectorTransitionsValidateTest {

    @Test
    void validatePassesExactlyForSuccessors() {
        for (SectorState from : SectorState.values()) {
            for (SectorState to : SectorState.values()) {
                boolean successor = SectorTransitions.successors(from).contains(to);
                IllegalTransitionException e = catchThrowableOfType(IllegalTransitionException.class,
                        () -> SectorTransitions.validate(from, to));
                if (successor) {
                    assertThat(e).as("%s -> %s", from, to).isNull();
                } else {
                    assertThat(e).as("%s -> %s", from, to).isNotNull();
                    assertThat(e.from()).isEqualTo(from);
                    assertThat(e.to()).isEqualTo(to);
                    assertThat(e.getMessage()).contains(from.name()).contains(to.name());
                }
            }
        }
    }

    /**
     * successors(from) is the set of states some non-forced event moves a sector to, per the Lotus
     * model (self-moves included: Committing on a new seed, Removing on SectorRemove, Terminating
     * on SectorTerminate).
     */
    @Test
    void successorsAreTheStatesANonForcedLotusMoveReaches() {
        List<String> mismatches = new ArrayList<>();
        for (SectorState from : SectorState.values()) {
            var want = LotusFsmModel.successors(from);
            var got = SectorTransitions.successors(from);
            if (!got.equals(want)) {
                var missing = EnumSet.copyOf(want);
                missing.removeAll(got);
                var extra = EnumSet.noneOf(SectorState.class);
                extra.addAll(got);
                extra.removeAll(want);
                mismatches.add(from + ": missing " + missing + ", extra " + extra);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void successorsAgreeWithNext() {
        for (SectorState from : SectorState.values()) {
            for (SectorState to : SectorTransitions.successors(from)) {
                boolean reached = false;
                for (SectorEvent e : SectorEvent.values()) {
                    if (e != SectorEvent.SectorForceState) {
                        Transition t = SectorTransitions.next(from, e, to);
                        reached |= t.moved() && t.to() == to;
                    }
                }
                assertThat(reached).as("%s -> %s", from, to).isTrue();
            }
        }
    }

    @Test
    void waitDealsToAddPieceIsValid() {
        assertThatCode(() -> SectorTransitions.validate(WaitDeals, AddPiece)).doesNotThrowAnyException();
    }

    @Test
    void provingToPreCommit1IsRejected() {
        IllegalTransitionException e = catchThrowableOfType(IllegalTransitionException.class,
                () -> SectorTransitions.validate(Proving, PreCommit1));
        assertThat(e).isNotNull();
        assertThat(e.from()).isEqualTo(Proving);
        assertThat(e.to()).isEqualTo(PreCommit1);
        assertThat(e.getMessage()).contains("Proving").contains("PreCommit1");
    }

    /** SectorRemove is global: every state but Removed, Removing itself included, may go to Removing. */
    @Test
    void everyStateButRemovedMayGoToRemoving() {
        for (SectorState from : SectorState.values()) {
            if (from == Removed) {
                assertThat(SectorTransitions.successors(from)).doesNotContain(Removing);
            } else {
                assertThatCode(() -> SectorTransitions.validate(from, Removing)).as("%s", from)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void removedGoesNowhere() {
        assertThat(SectorTransitions.successors(Removed)).isEmpty();
        for (SectorState to : SectorState.values()) {
            assertThat(catchThrowableOfType(IllegalTransitionException.class,
                    () -> SectorTransitions.validate(Removed, to))).as("%s", to).isNotNull();
        }
    }

    @Test
    void committingMayRestartItselfOnANewSeed() {
        assertThatCode(() -> SectorTransitions.validate(Committing, Committing)).doesNotThrowAnyException();
    }
}
