package org.hirmtl.api.graph;

/**
 * What a backbone declares about one output before it is built.
 *
 * @param channels channels of the feature map
 * @param stride its stride relative to the input (4, 8, 16, 32)
 */
public record FeatureSpec(int channels, int stride) {
    /**
     * Requires positive values.
     *
     * @param channels channels of the feature map (> 0)
     * @param stride its stride relative to the input (4, 8, 16, 32)
     */
    public FeatureSpec {
        if (channels <= 0 || stride <= 0) {
            throw new IllegalArgumentException("bad feature spec: channels " + channels + ", stride " + stride);
        }
    }
}
