package io.minersim.app.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinerRepoTest {

    @TempDir
    Path dir;

    @Test
    void theSecretIsMadeOnceInLotusKeystoreFormAndKept() throws Exception {
        MinerRepo repo = MinerRepo.open(dir.resolve("repo"));
        byte[] secret = repo.apiSecret();
        assertThat(secret).hasSize(32);
        Path file = dir.resolve("repo/keystore/" + MinerRepo.SECRET_FILE);
        assertThat(Files.readString(file)).startsWith("{\"Type\":\"jwt-hmac-secret\",\"PrivateKey\":\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(MinerRepo.open(dir.resolve("repo")).apiSecret()).isEqualTo(secret);
    }

    @Test
    void tokenAndApiFilesAreWrittenAsLotusWritesThem() throws Exception {
        MinerRepo repo = MinerRepo.open(dir);
        repo.writeToken("eyJ.abc.def");
        repo.writeApi(MinerRepo.multiaddr("127.0.0.1", 2345));
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("eyJ.abc.def");
        assertThat(Files.readString(dir.resolve("api"))).isEqualTo("/ip4/127.0.0.1/tcp/2345/http");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api"))))
                .isEqualTo("rw-r--r--");
        repo.removeApi();
        assertThat(dir.resolve("api")).doesNotExist();
    }

    @Test
    void aDamagedSecretIsReportedNotReplaced() throws Exception {
        Path keystore = Files.createDirectories(dir.resolve("keystore"));
        Files.writeString(keystore.resolve(MinerRepo.SECRET_FILE), "garbage");
        assertThatThrownBy(() -> MinerRepo.open(dir).apiSecret()).hasMessageContaining("not a jwt-hmac-secret key");
        assertThat(Files.readString(keystore.resolve(MinerRepo.SECRET_FILE))).isEqualTo("garbage");
    }

    @Test
    void theDefaultPathFollowsMinersimPath() {
        assertThat(MinerRepo.defaultPath(Map.of("MINERSIM_PATH", "/tmp/x"))).isEqualTo(Path.of("/tmp/x"));
        assertThat(MinerRepo.defaultPath(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".minersim"));
        assertThat(MinerRepo.multiaddr("::1", 80)).isEqualTo("/ip6/::1/tcp/80/http");
    }
}
