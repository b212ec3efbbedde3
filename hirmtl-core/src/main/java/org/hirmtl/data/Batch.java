package org.hirmtl.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.TargetKind;

/**
 * A batch ready to copy into ND4J: NCHW float arrays, targets keyed by task name. An example that lacks a task's
 * target has that slot filled with the task's pad value ({@link TargetKind#padValue()}), i.e. ignored.
 *
 * @param ids the examples' ids, in batch order
 * @param height rows of every map
 * @param width columns of every map
 * @param images {@code N×3×H×W} RGB in [0, 1]
 * @param targets per task, {@code N×C×H×W}
 * @param channels per task, C
 */
public record Batch(List<String> ids, int height, int width, float[] images, Map<String, float[]> targets,
                    Map<String, Integer> channels) {

    /** Freezes the collections. */
    public Batch {
        ids = List.copyOf(ids);
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /** The number of examples. */
    public int size() {
        return ids.size();
    }
}
