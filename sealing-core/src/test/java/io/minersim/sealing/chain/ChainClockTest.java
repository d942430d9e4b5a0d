package io.minersim.sealing.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainClockTest {

    @Test
    void manualClockMovesOnlyWhenToldAndTellsListenersInOrder() {
        ManualChainClock clock = new ManualChainClock(10, ChainPolicy.MAINNET_GENESIS, 30);
        List<String> heard = new ArrayList<>();
        clock.subscribe(e -> heard.add("a" + e));
        clock.subscribe(e -> heard.add("b" + e));
        assertThat(clock.head()).isEqualTo(10);
        assertThat(clock.advance(5)).isEqualTo(15);
        assertThat(clock.advance(0)).isEqualTo(15);
        assertThat(clock.advanceTo(20)).isEqualTo(20);
        assertThat(heard).containsExactly("a15", "b15", "a20", "b20");
        assertThat(clock.timestampOf(20)).isEqualTo(ChainPolicy.MAINNET_GENESIS + 600);
    }

    @Test
    void manualClockRefusesToGoBack() {
        ManualChainClock clock = new ManualChainClock(10, 0, 30);
        assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot advance by a negative number of epochs: -1");
        assertThatThrownBy(() -> clock.advanceTo(9)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot move the chain back from epoch 10 to 9");
        assertThat(clock.head()).isEqualTo(10);
    }

    @Test
    void clocksRefuseNonsense() {
        assertThatThrownBy(() -> new ManualChainClock(-1, 0, 30)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ManualChainClock(0, 0, 0)).isInstanceOf(InvalidInputException.class);
    }
}
