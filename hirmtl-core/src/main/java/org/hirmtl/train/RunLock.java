package org.hirmtl.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive OS file lock on a run folder ({@code .lock} in it), held by a training for its whole life, so that a
 * second {@code train} (new or {@code --resume}) on the same folder stops at once instead of interleaving its writes
 * with the first. The operating system releases the lock when the process ends in any way (kill -9 included), so a
 * lock is never stale; the file stays behind and names its last holder (pid, host, start time).
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name inside the run folder. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir} (which must exist) and records this process as its holder.
     *
     * @throws RunLockedException if another process (or another training in this one) holds it
     */
    public static RunLock acquire(Path runDir) throws IOException {
        FileChannel channel = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another training in this JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new RunLockedException(runDir + " is in use by another training (" + holder + "); wait for it to "
                    + "end or stop it, or train into another --out folder");
        }
        byte[] me = describeThisProcess().getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(me), 0);
        channel.force(false);
        return new RunLock(channel, lock);
    }

    /** E.g. {@code pid 4242 on host gpu-3, started 2026-12-06T18:05:55Z}. */
    static String describeThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        return "pid " + ProcessHandle.current().pid() + " on host " + host + ", started "
                + Instant.ofEpochMilli(started).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(channel.size(), 1024));
            channel.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "holder unknown" : s;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    /** Releases the lock (the file stays). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
