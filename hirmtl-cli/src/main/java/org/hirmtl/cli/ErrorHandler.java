package org.hirmtl.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.hirmtl.checkpoint.CheckpointException;
import org.hirmtl.config.ConfigException;
import org.hirmtl.data.io.DataFormatException;
import org.hirmtl.registry.RegistryException;
import org.hirmtl.train.RunLockedException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The one place where exceptions become messages and exit codes: one line on stderr
 * ({@code hirmtl: error: ...}), the stack trace only with {@code -v}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        Throwable e = ex instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        int code = codeFor(e);
        PrintWriter err = cmd.getErr();
        err.println("hirmtl: error: " + message(e));
        if (Verbosity.of(cmd.getCommandSpec()).verbose()) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.FAILURE && !(e instanceof CliException)) {
            err.println("hirmtl: run again with -v for details");
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("hirmtl: error: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    static int codeFor(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof ConfigException || e instanceof RegistryException || e instanceof CheckpointException
                || e instanceof DataFormatException || e instanceof NoSuchFileException || e instanceof FileAlreadyExistsException
                || e instanceof AccessDeniedException || e instanceof IllegalArgumentException
                || e instanceof RunLockedException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return (n.getReason() == null ? "no such file or folder" : n.getReason()) + ": " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return (f.getReason() == null ? "already exists" : f.getReason()) + ": " + f.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
