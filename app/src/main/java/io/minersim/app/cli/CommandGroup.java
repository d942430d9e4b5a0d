package io.minersim.app.cli;

import picocli.CommandLine;

/** A command that only groups subcommands: run on its own, it prints its usage, as lotus-miner's groups do. */
abstract class CommandGroup implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
