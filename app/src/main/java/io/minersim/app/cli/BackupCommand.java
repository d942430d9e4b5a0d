package io.minersim.app.cli;

import io.minersim.app.state.StateStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minersim backup FILE}: a consistent copy of the whole simulated world (every miner, the clock, history,
 * statistics, reservations, failure rules, knobs), from which {@code minersim run --restore FILE} starts. As
 * {@code lotus-miner backup}: online it asks the running miner ({@code Filecoin.CreateBackup}, which writes only
 * inside the run's {@code LOTUS_BACKUP_BASE_PATH}); {@code --offline} reads the repo's saved world while no run
 * holds it.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a backup of the simulated world that `minersim run --restore FILE` starts from "
                + "(Filecoin.CreateBackup; the run needs LOTUS_BACKUP_BASE_PATH, and FILE inside it).")
public final class BackupCommand extends MinerCommand {
    @Parameters(paramLabel = "<backup file path>", description = "Where to write the backup.")
    Path file;

    @Option(names = "--offline", description = "Back up the repo's saved world without a running miner "
            + "(refused while a run holds the repo).")
    boolean offline;

    @Override
    boolean offline() {
        return offline;
    }

    @Override
    void runOffline() {
        Path repo = api.repo != null ? api.repo : env().defaultRepo();
        Path target = file.toAbsolutePath();
        try (StateStore store = StateStore.open(repo)) {
            if (!store.hasState()) {
                throw new CliException("the repo " + store.repo() + " holds no saved world to back up");
            }
            store.backupOffline(target);
        }
        out().println("backup of " + repo.toAbsolutePath().normalize() + " written to " + target);
    }

    @Override
    void run(MinerConnection miner) {
        String target = file.toAbsolutePath().toString();
        miner.backup().createBackup(target);
        out().println("backup written to " + target);
    }
}
