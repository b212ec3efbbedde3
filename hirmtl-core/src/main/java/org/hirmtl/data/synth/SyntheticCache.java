package org.hirmtl.data.synth;

import java.io.IOException;
import java.nio.file.Path;
import org.hirmtl.config.DataConfig;
import org.hirmtl.config.SynthConfig;

/**
 * Where the synthetic dataset of a config lives, and its generation when missing: {@code data.root: auto} means
 * {@code $HIRMTL_CACHE/synth/<parameters>} ({@code HIRMTL_CACHE} defaults to {@code ~/.cache/hirmtl}); a complete
 * dataset with the same parameters is reused.
 */
public final class SyntheticCache {
    private SyntheticCache() {
    }

    /** The toolkit's cache folder. */
    public static Path cacheRoot() {
        String env = System.getenv("HIRMTL_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "hirmtl");
    }

    /** The generator parameters of a config. */
    public static SynthSpec spec(SynthConfig s) {
        return new SynthSpec(s.train(), s.val(), s.size().height(), s.size().width(), s.classes(), s.seed());
    }

    /** The folder of the config's synthetic dataset. */
    public static Path folder(DataConfig data) {
        if (!data.root().equals("auto")) {
            return Path.of(data.root());
        }
        SynthSpec s = spec(data.synth());
        return cacheRoot().resolve("synth").resolve(String.format("v%d-%dx%d-k%d-n%d+%d-seed%d",
                SceneGenerator.VERSION, s.height(), s.width(), s.classes(), s.train(), s.val(), s.seed()));
    }

    /** Generates the dataset unless a complete one with the same parameters is there; returns its folder. */
    public static Path ensure(DataConfig data, SynthListener listener) throws IOException {
        Path dir = folder(data);
        SynthSpec spec = spec(data.synth());
        if (SynthWriter.isComplete(dir, spec)) {
            listener.message("Using the synthetic dataset in " + dir);
            return dir;
        }
        listener.message("Generating " + spec.scenes() + " synthetic scenes into " + dir);
        listener.phase("synth", spec.scenes());
        try {
            new SynthWriter().write(spec, dir, Runtime.getRuntime().availableProcessors(), listener::phaseStep);
        } finally {
            listener.phaseEnd();
        }
        return dir;
    }
}
