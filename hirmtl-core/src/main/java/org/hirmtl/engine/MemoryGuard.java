package org.hirmtl.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Stops a model too big for the machine with one clear error instead of the kernel's OOM killer: the process's
 * resident memory is compared with a limit at most every {@value #INTERVAL_MS} ms, from the layers that allocate most
 * (convolutions and batch norms, forward and backward) and at every training step.
 *
 * <p>JavaCPP does the same check on <em>every</em> native pointer it allocates when
 * {@code org.bytedeco.javacpp.maxphysicalbytes} is above zero (its default): ND4J allocates several such pointers per
 * operation, and reading the resident size (≈ 2 µs each) took 10 % of a quick-start training step (JFR,
 * {@code bench/jfr_profile.py}). The launcher therefore sets {@code maxphysicalbytes=0} and this class takes over the
 * limit: {@code -Dhirmtl.maxResident=SIZE} ({@code 22G}, {@code 23000M}, a byte count; {@code 0} for none), by default
 * the machine's memory (or the cgroup's limit, when lower) less 1 GiB, and no limit on machines of 3 GiB or less.
 */
public final class MemoryGuard {
    /** The system property that sets the limit. */
    public static final String PROPERTY = "hirmtl.maxResident";
    /** The shortest time between two reads of the resident size. */
    static final long INTERVAL_MS = 20;
    private static final long GIB = 1L << 30;
    private static final int RETRIES = 3;

    private static volatile Long limit;
    private static long lastCheck = System.nanoTime() - INTERVAL_MS * 1_000_000L;

    private MemoryGuard() {
    }

    /** Thrown when the resident memory stays above the limit after the collector ran. */
    public static final class LimitExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(String message) {
            super(message);
        }
    }

    /**
     * Checks the resident memory against the limit unless it was checked less than {@value #INTERVAL_MS} ms ago (a
     * clock read otherwise). Called from inside layers, so it never throws for a malformed {@code hirmtl.maxResident}
     * (DL4J would take that for a failed helper and fall back to its own, slower path): the entry points that call
     * {@link #limitBytes()} first (training steps, {@code hirmtl bench}; {@code hirmtl --version} prints it) report
     * that.
     *
     * @throws LimitExceededException when it stays above the limit after a garbage collection (ND4J frees arrays
     *         outside workspaces only when the collector has collected them)
     */
    public static void check() {
        long now = System.nanoTime();
        if (now - lastCheck < INTERVAL_MS * 1_000_000L) {
            return;
        }
        lastCheck = now;
        long max;
        try {
            max = limitBytes();
        } catch (IllegalArgumentException e) {
            return;
        }
        if (max > 0) {
            checkAgainst(max);
        }
    }

    static void checkAgainst(long max) {
        long resident = Pointer.physicalBytesInaccurate(max);
        for (int i = 0; i < RETRIES && resident > max; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            resident = Pointer.physicalBytes();
        }
        if (resident > max) {
            // "Failed to allocate": DL4J's layers rethrow a helper's exception with these words instead of falling back
            throw new LimitExceededException(String.format(Locale.ROOT, "out of memory (Failed to allocate): the "
                    + "process holds %,d MiB, above its limit of %,d MiB (%s); use a smaller train.batch_size or "
                    + "data.image_size, or change the limit with JAVA_OPTS=-D%s=SIZE (0: none)", resident >> 20,
                    max >> 20, source(), PROPERTY));
        }
    }

    /**
     * The limit in bytes ({@code 0}: none).
     *
     * @throws IllegalArgumentException when {@code hirmtl.maxResident} is not a size
     */
    public static long limitBytes() {
        Long l = limit;
        if (l == null) {
            l = resolve(System.getProperty(PROPERTY), machineBytes());
            limit = l;
        }
        return l;
    }

    /** Sets the limit ({@code null}: from the property again) and lets the next {@link #check()} read (tests). */
    static void limitForTests(Long bytes) {
        limit = bytes;
        lastCheck = System.nanoTime() - INTERVAL_MS * 1_000_000L;
    }

    private static String source() {
        return System.getProperty(PROPERTY) != null ? "set by -D" + PROPERTY : "the machine's memory less 1 GiB";
    }

    /**
     * The limit from the property's value ({@code null}: the default from {@code machineBytes}, or none when that
     * is 3 GiB or less or unknown).
     */
    static long resolve(String property, long machineBytes) {
        if (property == null || property.isBlank()) {
            return machineBytes > 3 * GIB ? machineBytes - GIB : 0;
        }
        return parseSize(property.trim());
    }

    /** {@code 1234}, {@code 512k}, {@code 23000M}, {@code 22G}, {@code 1T} (binary units, any case) in bytes. */
    static long parseSize(String s) {
        String digits = s;
        long unit = 1;
        char last = s.isEmpty() ? ' ' : Character.toLowerCase(s.charAt(s.length() - 1));
        int shift = "kmgt".indexOf(last);
        if (shift >= 0) {
            unit = 1L << (10 * (shift + 1));
            digits = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + s + " is not a size: give bytes or a number "
                    + "with k, M, G or T (e.g. 22G), or 0 for no limit");
        }
    }

    /** The machine's memory, or the cgroup's limit when lower; {@code -1} when unknown. */
    static long machineBytes() {
        long total = meminfoTotal(read("/proc/meminfo"));
        long cgroup = cgroupLimit(read("/sys/fs/cgroup/memory.max"),
                read("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
        return cgroup > 0 && (total <= 0 || cgroup < total) ? cgroup : total;
    }

    static long meminfoTotal(String meminfo) {
        if (meminfo == null) {
            return -1;
        }
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.trim().split("\\s+");
                try {
                    return Long.parseLong(f[1]) * 1024;
                } catch (RuntimeException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** cgroup v2's {@code memory.max} or v1's {@code memory.limit_in_bytes}; {@code -1} for none ("max", absent). */
    static long cgroupLimit(String v2, String v1) {
        for (String s : new String[] {v2, v1}) {
            if (s != null) {
                try {
                    long n = Long.parseLong(s.trim());
                    if (n > 0 && n < (1L << 60)) { // v1 says "no limit" with a huge number
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // "max": no limit at this level
                }
            }
        }
        return -1;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
