package org.hirmtl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.registry.Components;
import org.hirmtl.train.Trainer;

/** The {@code --checkpoint RUN_OR_BUNDLE} argument shared by eval, predict and export. */
final class CheckpointArg {
    private CheckpointArg() {
    }

    /** A run folder stands for its best.zip (else last.zip); anything else is the bundle itself. */
    static Path bundle(Path p) {
        if (Files.isDirectory(p)) {
            Path best = p.resolve(Trainer.BEST);
            return Files.exists(best) ? best : p.resolve(Trainer.LAST);
        }
        return p;
    }

    /**
     * Reads the model for inference (no optimiser state), after checking that the plugins inference needs are loaded
     * (exit 2 naming them and their versions otherwise); plugins used only in training (a loss weighting, a dataset
     * reader) are not needed.
     */
    static Checkpoints.Loaded load(Path bundle, Components components) {
        components.requirePlugins(Checkpoints.meta(bundle).plugins(), bundle.toString());
        return Checkpoints.read(bundle, new ConfigLoader(components).forInference(), false);
    }
}
