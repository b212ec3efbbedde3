package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.code(), r.toString());
        for (String c : new String[] {"train", "eval", "predict", "export", "data", "config", "plugins", "version",
                "completion"}) {
            assertTrue(r.out().contains("  " + c), c + " missing from\n" + r.out());
        }
        assertTrue(r.out().contains("3 quality gate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval", "predict", "export", "data", "config", "plugins", "version"})
    void everySubcommandHasHelp(String command) {
        Cli r = Cli.run(command, "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Usage: hirmtl " + command), r.out());
    }

    @Test
    void versionNamesToolkitBackendAndJava() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("hirmtl "), r.out());
        assertTrue(r.out().contains("DL4J/ND4J 1.0.0-M2.1, backend CPU"), r.out());
        assertTrue(r.out().contains("oneDNN helpers on"), r.out());
        assertTrue(r.out().contains("Java 17"), r.out());
        assertEquals(r.out(), Cli.run("version").out());
    }

    @Test
    void usageErrorsExitTwoWithoutStackTrace() {
        Cli r = Cli.run("data", "synth", "--out", "x", "--size", "12y3");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().startsWith("hirmtl: error: Invalid value for option '--size'"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
        assertEquals(ExitCodes.USAGE, Cli.run("no-such-command").code());
    }

    @Test
    void completionScriptIsGenerated() {
        Cli r = Cli.run("completion");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("complete -F"), "bash completion function");
        assertTrue(r.out().contains("synth") && r.out().contains("check"), "covers nested subcommands");
    }
}
