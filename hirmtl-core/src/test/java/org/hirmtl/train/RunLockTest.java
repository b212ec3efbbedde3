package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One training per run folder: a second one is refused naming the first; a killed holder leaves no stale lock. */
class RunLockTest {
    @TempDir
    Path dir;

    /** Holds the lock of the folder in args[0] until its standard input closes (a second process for the test). */
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold
            }
        }
    }

    @Test
    void aSecondTrainingInThisProcessIsRefused() throws Exception {
        try (RunLock first = RunLock.acquire(dir)) {
            RunLockedException e = assertThrows(RunLockedException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().startsWith(dir + " is in use by another training (pid "
                    + ProcessHandle.current().pid() + " on host "), e.getMessage());
        }
        try (RunLock again = RunLock.acquire(dir)) {
            assertTrue(Files.readString(dir.resolve(RunLock.FILE)).startsWith("pid "), "the holder is recorded");
        }
    }

    @Test
    void anotherProcessIsRefusedAndItsDeathFreesTheFolder() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunLockTest.class.getName(), dir.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            RunLockedException e = assertThrows(RunLockedException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().contains("(pid " + holder.pid() + " on host "), e.getMessage());
        } finally {
            holder.destroyForcibly(); // kill -9: the OS drops its lock
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (RunLock mine = RunLock.acquire(dir)) {
            assertTrue(Files.readString(dir.resolve(RunLock.FILE)).startsWith("pid " + ProcessHandle.current().pid()));
        }
    }
}
