package org.hirmtl.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.engine.CacheModes;

/**
 * The repository's {@code examples/} folder, found from the test's working directory upwards, and a training of an
 * example at its full resolution within the suite's memory budget (4 GiB per test JVM).
 */
final class Examples {
    private Examples() {
    }

    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/nyud.yaml"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Trains with the convolution-output cache off ({@code -Dhirmtl.cache=none}: the same gradients, proved by
     * {@code CacheModesTest}; it costs memory, not results), so an example model at its anchors' resolution and
     * batch 1 trains within the suite's budget (measured: NYUD at 448x576 peaked at 4.2 GiB with the cache).
     */
    static TrainResult trainLean(Trainer trainer, ExperimentConfig config, Path run) throws IOException {
        String cache = System.getProperty(CacheModes.PROPERTY);
        System.setProperty(CacheModes.PROPERTY, "none");
        try {
            return trainer.train(config, run, false);
        } finally {
            if (cache == null) {
                System.clearProperty(CacheModes.PROPERTY);
            } else {
                System.setProperty(CacheModes.PROPERTY, cache);
            }
        }
    }
}
