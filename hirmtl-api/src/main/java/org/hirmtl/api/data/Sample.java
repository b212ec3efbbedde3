package org.hirmtl.api.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decoded example: an RGB image in [0, 1] and its targets keyed by task name. A task missing from
 * {@link #targets()} has no label for this image; losses and metrics skip it.
 *
 * @param id the example's id in the dataset's split files
 * @param image 3xHxW RGB in [0, 1]
 * @param targets decoded targets in the conventions of {@link TargetKind}, keyed by task name
 */
public record Sample(String id, DenseMap image, Map<String, DenseMap> targets) {

    /**
     * Copies the target map into an unmodifiable, insertion-ordered one.
     *
     * @param id the example's id in the dataset's split files
     * @param image 3xHxW RGB in [0, 1]; an image with another number of channels is rejected
     * @param targets decoded targets in the conventions of {@link TargetKind}, keyed by task name
     */
    public Sample {
        if (image.channels() != 3) {
            throw new IllegalArgumentException(id + ": image must have 3 channels, got " + image.channels());
        }
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /**
     * The target of {@code task}, or {@code null} if this example has none.
     *
     * @param task a task name
     * @return the decoded target, or {@code null}
     */
    public DenseMap target(String task) {
        return targets.get(task);
    }
}
