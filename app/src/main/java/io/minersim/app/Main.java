package io.minersim.app;

import picocli.CommandLine;

/** The {@code minersim} executable: runs the command tree and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MinerSimCommand.commandLine(args).execute(args));
    }
}
