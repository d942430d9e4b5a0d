package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void sectorSizesCarryLotusProofTypes() {
        assertThat(SectorSize.parse("32GiB").sealProof()).isEqualTo(8);
        assertThat(SectorSize.parse("2kib")).isEqualTo(SectorSize.SIZE_2KiB);
        assertThat(SectorSize.parse("68719476736")).isEqualTo(SectorSize.SIZE_64GiB);
        assertThat(SectorSize.SIZE_32GiB.unpaddedBytes()).isEqualTo(34_091_302_912L);
        assertThat(SectorSize.SIZE_64GiB.maxDealsPerSector()).isEqualTo(512);
        assertThat(SectorSize.SIZE_8MiB.windowPoStProof()).isEqualTo(11);
        assertThatThrownBy(() -> SectorSize.parse("1TiB")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("supported: 2KiB, 8MiB, 512MiB, 32GiB, 64GiB");
    }

    @Test
    void actorAddressesAreIdAddresses() {
        assertThat(MinerConfig.parseActor("f01000")).isEqualTo(1000);
        assertThat(MinerConfig.parseActor("t01234")).isEqualTo(1234);
        assertThat(MinerConfig.of(Profile.MAINNET).actorAddress()).isEqualTo("f01000");
        for (String bad : new String[] {"f1abc", "f0", "f0-1", "f00012", "x01000", ""}) {
            assertThatThrownBy(() -> MinerConfig.parseActor(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void sealingKnobsAreValidatedAndLotusDefaultsKept() {
        SealingConfig lotus = SealingConfig.mainnet();
        assertThat(lotus.maxPreCommitBatch()).isEqualTo(256);
        assertThat(lotus.maxCommitBatch()).isEqualTo(819);
        assertThat(lotus.minCommitBatch()).isEqualTo(4);
        assertThat(lotus.preCommitBatchWait()).isEqualTo(Duration.ofHours(24));
        assertThat(lotus.commitBatchSlack()).isEqualTo(Duration.ofHours(1));
        assertThat(lotus.terminateBatchWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(lotus.waitDealsDelay()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> lotus.withCommitBatching(10, 5, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessage("MinCommitBatch (10) exceeds MaxCommitBatch (5)");
        assertThatThrownBy(() -> lotus.withWaitDealsDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("WaitDealsDelay");
        assertThatThrownBy(() -> lotus.withPreCommitBatching(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessage("MaxPreCommitBatch must be positive, got 0");
        assertThat(lotus.withLimits(3, 4, 5).maxSealingSectorsForDeals()).isEqualTo(5);
    }

    @Test
    void profilesParseAndDifferWhereTheyShould() {
        assertThat(Profile.parse("MainNet")).isEqualTo(Profile.MAINNET);
        assertThat(Profile.MAINNET.policy().preCommitChallengeDelay()).isEqualTo(150);
        assertThat(Profile.DEVNET.policy().preCommitChallengeDelay()).isEqualTo(10);
        assertThat(Profile.MAINNET.policy().faultMaxAge()).isEqualTo(120_960);
        assertThatThrownBy(() -> Profile.parse("calibnet")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown profile 'calibnet'; supported: mainnet, devnet");
    }
}
