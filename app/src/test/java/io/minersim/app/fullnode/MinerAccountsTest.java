package io.minersim.app.fullnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.types.FilAddress;
import org.junit.jupiter.api.Test;

class MinerAccountsTest {

    @Test
    void keyAddressesCarryGoAddresssChecksum() {
        // a mainnet secp256k1 address from Lotus's documentation: its payload gives it back, checksum and all
        String known = "f1ys5qqiciehcml3sp764ymbbytfn3qoar5fo3iwy";
        byte[] decoded = new org.apache.commons.codec.binary.Base32().decode(known.substring(2).toUpperCase(
                java.util.Locale.ROOT));
        byte[] payload = java.util.Arrays.copyOf(decoded, 20);
        assertThat(MinerAccounts.secp256k1Address(payload)).isEqualTo(known);
    }

    @Test
    void accountsAreDerivedFromSeedAndActor() {
        MinerAccounts a = MinerAccounts.of(0, 1000, 7);
        assertThat(a.accountAddress()).isEqualTo("f0100");
        assertThat(a.actorAddress()).isEqualTo("f01000");
        assertThat(new FilAddress(a.keyAddress()).isId()).isFalse();
        assertThat(a.keyAddress()).hasSize(41).startsWith("f1");
        assertThat(MinerAccounts.of(0, 1000, 7)).isEqualTo(a);
        assertThat(MinerAccounts.of(1, 1001, 7).accountAddress()).isEqualTo("f0101");
        assertThat(MinerAccounts.of(0, 1000, 8).keyAddress()).isNotEqualTo(a.keyAddress());
    }
}
