package org.hirmtl.api.graph;

/**
 * A typed reference to a node of the graph being built: its name, channels and stride relative to the input.
 * Graph fragments pass handles, never hand-typed vertex names.
 *
 * @param node the vertex name
 * @param channels output channels
 * @param stride output stride (1 = input resolution)
 */
public record Handle(String node, int channels, int stride) {
    /**
     * Requires positive channels and stride.
     *
     * @param node the vertex name
     * @param channels output channels (> 0)
     * @param stride output stride (1 = input resolution)
     */
    public Handle {
        if (channels <= 0 || stride <= 0) {
            throw new IllegalArgumentException("bad handle " + node + ": channels " + channels + ", stride " + stride);
        }
    }
}
