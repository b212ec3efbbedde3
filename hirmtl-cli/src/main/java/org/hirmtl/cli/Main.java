package org.hirmtl.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.hirmtl.engine.EngineInfo;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Entry point of the {@code hirmtl} command. The only class that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    /** Runs {@code hirmtl} with {@code args} and exits with its code. */
    public static void main(String[] args) {
        String probe = EngineInfo.initialiseQuietly(); // a CUDA build without GPU: ND4J's probe output, shown with -v
        if (!probe.isBlank() && (Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"))) {
            System.err.print(probe);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code hirmtl} with {@code args}, writing to the given streams; returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        HirmtlCommand root = cl.getCommand();
        root.plugins.errors(err);
        try {
            return cl.execute(args);
        } finally {
            root.plugins.close();
            out.flush();
            err.flush();
        }
    }

    /** The configured command tree. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine cl = new CommandLine(new HirmtlCommand());
        cl.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        cl.getSubcommands().get("completion").getCommandSpec().usageMessage().hidden(false)
                .description("Prints a bash/zsh completion script: source <(hirmtl completion)");
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
