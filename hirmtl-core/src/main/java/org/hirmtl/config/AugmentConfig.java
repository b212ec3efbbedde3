package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;
import org.hirmtl.api.config.ConfigValueException;

/**
 * Training augmentation (evaluation only resizes).
 *
 * @param hflip random horizontal flip (normals' x negated)
 * @param scale {@code [min, max]} random scale factor relative to the input size; {@code [1.0, 1.0]} = off
 * @param crop take a random input-sized window of the scaled sample (else resize to the input size)
 * @param photometric jitter strength in [0, 1] (brightness, contrast, saturation); 0 = off
 */
public record AugmentConfig(boolean hflip, List<Double> scale, boolean crop, double photometric) {

    /** Requires {@code 0 < min <= max} and a strength in [0, 1]. */
    public AugmentConfig {
        scale = Checks.list("scale", scale);
        if (scale.size() != 2) {
            throw new ConfigValueException("scale", "must be [min, max], got " + scale.size() + " value(s)");
        }
        Checks.positive("scale[0]", scale.get(0));
        Checks.positive("scale[1]", scale.get(1));
        if (scale.get(1) < scale.get(0)) {
            throw new ConfigValueException("scale", "must be [min, max] with min <= max, got " + scale);
        }
        Checks.range("photometric", photometric, 0, 1, false);
    }

    /** The smallest scale factor. */
    public double scaleMin() {
        return scale.get(0);
    }

    /** The largest scale factor. */
    public double scaleMax() {
        return scale.get(1);
    }
}
