package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;
import org.hirmtl.api.config.ConfigValueException;

/**
 * Data-parallel training on one machine with DL4J's {@code ParallelWrapper}: {@code workers} replicas of the model
 * each train on their own batch (CPU threads, or one CUDA device each), so one optimiser step sees
 * {@code workers × batch_size} images.
 *
 * @param workers model replicas; 1 = plain single-replica training
 * @param mode {@code averaging}: parameters and optimiser state averaged after every step (DL4J's other mode,
 *     threshold-encoded gradient sharing, is refused: it did not train here — docs/distributed.md)
 */
public record ParallelConfig(int workers, String mode) {
    /** The known modes. */
    public static final List<String> MODES = List.of("averaging");

    /** Requires at least one worker and a known mode. */
    public ParallelConfig {
        Checks.atLeast("workers", workers, 1);
        if ("shared_gradients".equals(mode)) {
            throw new ConfigValueException("mode", "shared_gradients is not supported: DL4J's threshold-encoded "
                    + "gradient sharing did not train in our tests (docs/distributed.md); use averaging");
        }
        Checks.oneOf("mode", mode, MODES);
    }
}
