package org.hirmtl.data.io;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named moments between the writes of a training run where a test can stop the JVM as abruptly as {@code kill -9}
 * ({@link Runtime#halt}: no {@code finally} blocks, no shutdown hooks, nothing flushed by Java), to prove that the run
 * folder is consistent and resumable after a crash at exactly that moment. Inert unless the system property
 * {@value #PROPERTY} is {@code NAME} or {@code NAME@N} (halt the N-th time {@code NAME} is reached; default 1), which
 * only the crash tests set on the JVMs they start.
 */
public final class FailPoints {
    /** The system property naming the point to halt at. */
    public static final String PROPERTY = "hirmtl.failpoint";
    /** The exit status of a halt (that of a process killed by SIGKILL). */
    public static final int HALT_STATUS = 137;
    private static final String NAME;
    private static final int COUNT;
    private static final ConcurrentHashMap<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    static {
        String spec = System.getProperty(PROPERTY, "").trim();
        int at = spec.indexOf('@');
        NAME = at < 0 ? spec : spec.substring(0, at);
        COUNT = at < 0 ? 1 : Integer.parseInt(spec.substring(at + 1));
    }

    private FailPoints() {
    }

    /** Marks that {@code name} was reached: halts the JVM if the property names it and this is the chosen time. */
    public static void reach(String name) {
        if (!NAME.isEmpty() && NAME.equals(name)
                && HITS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet() == COUNT) {
            System.err.println("hirmtl: fail point " + name + " reached: halting");
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
