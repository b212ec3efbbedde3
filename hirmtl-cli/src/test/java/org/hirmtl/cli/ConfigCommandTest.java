package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printShowsTheResolvedConfigWithOverrides() {
        Cli r = Cli.run("config", "print", "--set", "train.epochs=7");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("epochs: 7"), r.out());
        assertTrue(r.out().contains("fusion:"), r.out());
    }

    /** As {@code main} runs it: a PrintWriter over a byte stream buffers until flushed (it did not, printing nothing). */
    @Test
    void printReachesAStreamThatBuffers() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"config", "print", "-c", "../examples/nyud.yaml"},
                new java.io.PrintWriter(bytes, true), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("classes: 40") && out.contains("widths:"), out);
    }

    @Test
    void validateAcceptsTheShippedExamples() {
        for (String f : new String[] {"quickstart.yaml", "nyud.yaml"}) {
            Cli r = Cli.run("config", "validate", "../examples/" + f);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("OK: "), r.out());
        }
    }

    @Test
    void aBrokenConfigGivesOneLineWithPathFileAndLineAndExitTwo() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "train:\n  epochs: 3\nmodel:\n  fusion:\n    type: taf2\n");
        Cli r = Cli.run("config", "validate", bad.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("model.fusion.type: unknown 'taf2' (known: mean, taf) at " + bad + ":5"),
                r.err());
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        Cli r = Cli.run("config", "validate", tmp.resolve("none.yaml").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
    }
}
