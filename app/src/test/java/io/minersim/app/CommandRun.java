package io.minersim.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What one in-process {@code minersim} command gave: its exit code and what it wrote to stdout and stderr. */
public record CommandRun(int code, String out, String err) {
    /** Runs {@code minersim <args>} in this JVM, capturing its output, on the command line {@code main} builds. */
    public static CommandRun execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MinerSimCommand.commandLine(args);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
