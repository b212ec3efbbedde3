package org.hirmtl.api.data;

/**
 * How a task's decoded target behaves under resizing, cropping and flipping, and which value marks a pixel as
 * unlabelled. The decoded conventions (see docs/data.md):
 * <ul>
 *   <li>{@link #LABELS}: class ids {@code 0..K-1}, {@value #IGNORE} = ignore (semseg, human parts);</li>
 *   <li>{@link #DEPTH}: metres, {@code 0} = missing;</li>
 *   <li>{@link #NORMALS}: 3 channels, unit vectors in camera coordinates, all-zero = invalid; a horizontal flip
 *       negates x;</li>
 *   <li>{@link #BINARY}: {@code 0}/{@code 1} (edges, saliency), {@value #IGNORE} = ignore (padding only).</li>
 * </ul>
 */
public enum TargetKind {
    /** Class ids; nearest-neighbour resampling; padded with ignore. */
    LABELS(255f),
    /** Metric depth; nearest-neighbour resampling (never blends across holes); padded with 0 (missing). */
    DEPTH(0f),
    /** Unit normals; nearest-neighbour resampling; padded with zero vectors (invalid); flip negates x. */
    NORMALS(0f),
    /** Binary maps; nearest-neighbour resampling; padded with ignore. */
    BINARY(255f);

    /** The value of ignored label pixels. */
    public static final int IGNORE = 255;

    private final float padValue;

    TargetKind(float padValue) {
        this.padValue = padValue;
    }

    /**
     * The value written into pixels that padding adds (never a real label).
     *
     * @return {@link #IGNORE} for labels and binary maps, 0 for depth and normals
     */
    public float padValue() {
        return padValue;
    }

    /**
     * The kind of a built-in task's target, or {@code null} for a task the data layer does not know.
     *
     * @param task a task name, e.g. {@code semseg}, {@code depth}, {@code normals}, {@code edge}
     * @return the task's target kind, or {@code null}
     */
    public static TargetKind ofBuiltinTask(String task) {
        return switch (task) {
            case "semseg", "parts" -> LABELS;
            case "depth" -> DEPTH;
            case "normals" -> NORMALS;
            case "edge", "saliency" -> BINARY;
            default -> null;
        };
    }
}
