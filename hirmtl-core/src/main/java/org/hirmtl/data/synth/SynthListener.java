package org.hirmtl.data.synth;

/**
 * Hears about the generation of the synthetic scenes (which can take a minute the first time): a message, then a
 * phase with one step per scene. All methods do nothing by default.
 */
public interface SynthListener {
    /** Listens to nothing. */
    SynthListener NONE = new SynthListener() {
    };

    /** A line for the user (e.g. where the scenes are). */
    default void message(String line) {
    }

    /** A phase of {@code total} steps starts. */
    default void phase(String name, long total) {
    }

    /** One step of the phase is done. */
    default void phaseStep() {
    }

    /** The phase ended. */
    default void phaseEnd() {
    }
}
