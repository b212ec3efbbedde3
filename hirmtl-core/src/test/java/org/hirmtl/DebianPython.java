package org.hirmtl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code /usr/bin/python3} as an independent reference in tests (PyTorch, OpenCV, scikit-image from Debian's
 * packages): a test that needs it is skipped where it or a module is missing, never failed.
 */
public final class DebianPython {
    /** The interpreter. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private DebianPython() {
    }

    /** Skips the calling test unless {@code /usr/bin/python3} can import {@code modules} (e.g. {@code "cv2"}). */
    public static void assumeModules(String modules) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import " + modules).start();
        assumeTrue(check.waitFor(120, TimeUnit.SECONDS) && check.exitValue() == 0, "python3 without " + modules);
    }

    /** Runs {@code python3 args...}; fails the test with its output unless it exits 0 within 5 minutes. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "python3 failed:\n" + output);
        return output;
    }
}
