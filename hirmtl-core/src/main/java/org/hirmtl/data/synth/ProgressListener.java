package org.hirmtl.data.synth;

/** Told once per finished scene by {@link SynthWriter}, always on the thread that called {@code write}. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = () -> { };

    /** One more scene has been written. */
    void step();
}
