package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;

/**
 * The optimiser.
 *
 * @param type {@code adam}, {@code adamw} or {@code sgd}
 * @param lr base learning rate (> 0)
 * @param weightDecay weight decay (>= 0): for {@code adam} and {@code sgd} coupled L2 as the anchors mean it
 *        (PyTorch {@code Adam(weight_decay)}/{@code SGD(weight_decay)}: {@code wd · w} added to the gradient before
 *        the update); for {@code adamw} decoupled (PyTorch {@code AdamW}: {@code w -= lr · wd · w} beside the Adam
 *        step). Applied to convolution weights and biases; batch-norm γ/β are never decayed (DL4J does not
 *        regularise them).
 * @param momentum SGD momentum, Adam's β1; in [0, 1)
 */
public record OptimizerConfig(String type, double lr, double weightDecay, double momentum) {

    /** The known optimiser types. */
    public static final List<String> TYPES = List.of("adam", "adamw", "sgd");

    /** Requires a known type and values in range. */
    public OptimizerConfig {
        Checks.oneOf("type", type, TYPES);
        Checks.positive("lr", lr);
        Checks.nonNegative("weight_decay", weightDecay);
        Checks.range("momentum", momentum, 0, 1, true);
    }
}
