package org.hirmtl.config;

import org.hirmtl.api.config.Checks;

/**
 * The dataset, the network's input size and the loading pipeline.
 *
 * @param type a registered dataset name: {@code synthetic}, {@code nyud_mt}, {@code nyudv2}
 * @param root dataset folder, or {@value #AUTO_ROOT} for the toolkit's cache folder (where synthetic scenes go)
 * @param trainSplit name of the training split, e.g. {@code train}
 * @param valSplit name of the validation split, e.g. {@code val}
 * @param imageSize network input size {@code H×W} (written {@code 128x160})
 * @param augment training augmentation
 * @param workers loader threads (0 = load on the training thread)
 * @param prefetch batches prepared ahead
 * @param synth generator settings, used when {@code type} is {@code synthetic}
 */
public record DataConfig(String type, String root, String trainSplit, String valSplit, ImageSize imageSize,
                         AugmentConfig augment, int workers, int prefetch, SynthConfig synth) {

    /** The {@code root} value meaning "the toolkit's cache folder". */
    public static final String AUTO_ROOT = "auto";

    /** Requires every part; counts must not be negative. */
    public DataConfig {
        Checks.text("type", type);
        Checks.text("root", root);
        Checks.text("train_split", trainSplit);
        Checks.text("val_split", valSplit);
        Checks.required("image_size", imageSize);
        Checks.required("augment", augment);
        Checks.atLeast("workers", workers, 0);
        Checks.atLeast("prefetch", prefetch, 0);
        Checks.required("synth", synth);
    }

    /** True if {@code root} is {@value #AUTO_ROOT}. */
    public boolean autoRoot() {
        return AUTO_ROOT.equals(root);
    }
}
